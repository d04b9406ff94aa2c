import { SiteLink } from '../components/SiteLink';
import { usePageMeta } from '../components/usePageMeta';
import { PriceTag } from '../features/pricing/PriceTag';

const FEATURES = [
  {
    title: 'Remembers across sessions',
    text: 'Decisions, preferences, project facts and fixes survive the end of a chat. The next session starts where the last one stopped.',
  },
  {
    title: 'Private by design',
    text: 'Memories live in a database file on your disk. No account, no cloud sync, no telemetry: nothing leaves your machine unless you send it.',
  },
  {
    title: 'Speaks MCP, REST and CLI',
    text: 'Plug it into Claude Desktop, Claude Code, Cursor or any MCP client; call it over a local REST API; or script it from the shell.',
  },
  {
    title: 'Finds by meaning',
    text: 'Semantic and keyword search together, so "how did we fix the login loop?" finds the note that never used the word "loop".',
  },
  {
    title: 'Organised for you',
    text: 'Tags, domains and sessions keep work and personal memories apart; relationships link a decision to the bug that caused it.',
  },
  {
    title: 'One small binary',
    text: 'A single program for macOS (Apple silicon and Intel), Windows and Linux. No runtime to install, no containers, starts in milliseconds.',
  },
];

const FAQ = [
  {
    q: 'Where are my memories stored?',
    a: 'In a local database in your home folder. You can back it up, move it to another machine or delete it like any other file.',
  },
  {
    q: 'Which AI tools does it work with?',
    a: 'Anything that speaks the Model Context Protocol (Claude Desktop, Claude Code, Cursor, Windsurf, Cline and others), plus any program that can call a local REST endpoint or run a command.',
  },
  {
    q: 'How do I get it after paying?',
    a: 'Stripe takes you straight to a page with your license key and download links for every platform. Keep that page: it gives you fresh links whenever you come back.',
  },
  {
    q: 'Can I use it on more than one computer?',
    a: 'Yes, your license is for you, on the machines you use. The "all platforms" download contains every build.',
  },
  {
    q: 'Does it need the internet?',
    a: 'Only to download it. Activation and everyday use work offline.',
  },
];

/** `/`: what Local Memory is and why to buy it. */
export default function HomePage() {
  // The same title and description as src/app/routes.ts gives the prerendered document (App.test.tsx checks).
  usePageMeta(
    'Local Memory: persistent memory for your AI agents, on your machine',
    'Local Memory gives Claude, Cursor and every MCP-capable agent a long-term memory that stays on your computer. One binary, MCP, REST and CLI.',
  );
  return (
    <>
      <section className="hero">
        <div className="container">
          <p className="eyebrow">Persistent memory for AI agents</p>
          <h1>Your AI forgets everything. Local Memory doesn't.</h1>
          <p className="lead">
            Local Memory gives your agents a long-term memory that lives on your own computer: what
            you decided, how you like things done, what broke last time and how you fixed it. Every
            new session starts knowing what the last one learned.
          </p>
          <div className="actions">
            <SiteLink className="button button--primary button--large" to="/pricing">
              Get Local Memory
            </SiteLink>
            <a className="button button--large" href="#how">
              How it works
            </a>
          </div>
        </div>
      </section>

      <section className="container section" aria-labelledby="what-heading">
        <h2 id="what-heading">What it does</h2>
        <p>
          Chat assistants and coding agents start every conversation from nothing. You explain your
          project, your conventions and your preferences again and again, and the fix you found last
          week is gone. Local Memory is the missing piece: a memory service your agents read from
          and write to as they work, running entirely on your machine.
        </p>
      </section>

      <section id="how" className="container section" aria-labelledby="how-heading">
        <h2 id="how-heading">How it works</h2>
        <ol className="steps">
          <li>
            <h3>Install one binary</h3>
            <p>
              Download the build for your computer and put it on your path. That is the whole
              install.
            </p>
          </li>
          <li>
            <h3>Connect your agents</h3>
            <p>
              Add Local Memory as an MCP server in Claude, Cursor or your own tools, or call its
              REST API. Agents get tools to store, search and relate memories.{' '}
              <SiteLink to="/docs/setup">Read the setup guide</SiteLink>.
            </p>
          </li>
          <li>
            <h3>Work as usual</h3>
            <p>
              Your agents remember as they go and recall what matters when it matters. You can
              search, edit and export everything from the command line.
            </p>
          </li>
        </ol>
      </section>

      <section id="features" className="container section" aria-labelledby="features-heading">
        <h2 id="features-heading">Features</h2>
        <ul className="features">
          {FEATURES.map((f) => (
            <li key={f.title} className="card">
              <h3>{f.title}</h3>
              <p>{f.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="container section cta" aria-labelledby="cta-heading">
        <h2 id="cta-heading">One purchase, every platform</h2>
        <p>
          Buy once through Stripe and get your license key and downloads for macOS, Windows and
          Linux on the next page.
        </p>
        <PriceTag />
        <SiteLink className="button button--primary button--large" to="/pricing">
          See pricing
        </SiteLink>
      </section>

      <section id="faq" className="container section" aria-labelledby="faq-heading">
        <h2 id="faq-heading">Questions</h2>
        {FAQ.map((item) => (
          <details key={item.q} className="faq">
            <summary>{item.q}</summary>
            <p>{item.a}</p>
          </details>
        ))}
      </section>
    </>
  );
}
