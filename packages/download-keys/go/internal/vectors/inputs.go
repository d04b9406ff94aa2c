package vectors

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	dk "localmemory.co/downloadkeys"
)

// inputSession is the purchase every odd input is verified against (with specSecret).
const inputSession = "cs_test_12345"

// specKey is generateLicenseKey(inputSession, specSecret).
const specKey = "LM-EB2B-6DAD-E6BB-93FE-C9D2"

type inputCase struct {
	ID         string   `json:"id"`
	Comment    string   `json:"comment"`
	Input      string   `json:"input"`
	LicenseKey string   `json:"licenseKey"`
	Valid      bool     `json:"valid"`
	Problems   []string `json:"problems"`
	Verified   bool     `json:"verified"`
}

type rawInput struct{ id, comment, input string }

// oddInputs is what customers paste: case, whitespace, dash and letter look-alikes, invisible
// characters, old 4-segment keys and wrong checksums.
func oddInputs() []rawInput {
	in := []rawInput{
		{"exact", "the key as issued", specKey},
		{"lowercase", "all lower case", strings.ToLower(specKey)},
		{"mixed-case", "mixed case", "Lm-Eb2B-6dAd-e6Bb-93fE-c9D2"},
		{"lowercase-prefix-only", "only the prefix in lower case", "lm" + specKey[2:]},
	}
	invisible := []rune{0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0xad, 0x1680,
		0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
		0x200b, 0x200c, 0x200d, 0x2028, 0x2029, 0x202f, 0x205f, 0x2060, 0x3000, 0xfeff}
	for _, r := range invisible {
		in = append(in, rawInput{fmt.Sprintf("invisible-u%04x", r),
			fmt.Sprintf("U+%04X inside a group and at both ends is dropped", r),
			string(r) + specKey[:10] + string(r) + specKey[10:] + string(r)})
	}
	for _, r := range []rune{0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0xfe58, 0xfe63, 0xff0d} {
		in = append(in, rawInput{fmt.Sprintf("dash-u%04x", r),
			fmt.Sprintf("U+%04X for every dash becomes \"-\"", r),
			strings.ReplaceAll(specKey, "-", string(r))})
	}
	for _, d := range []struct{ name, sep string }{
		{"underscore", "_"}, {"dot", "."}, {"slash", "/"}, {"tilde", "~"},
		{"u02d7", "\u02d7"}, {"u30fc", "\u30fc"}, {"u2e3a", "\u2e3a"}, {"colon", ":"},
	} {
		in = append(in, rawInput{"separator-" + d.name,
			"a separator that is not a dash look-alike is kept, so the key is invalid",
			strings.ReplaceAll(specKey, "-", d.sep)})
	}
	for _, l := range []struct{ name, from, to string }{
		{"cyrillic-ie", "E", "\u0415"}, {"greek-beta", "B", "\u0392"}, {"fullwidth-e", "E", "\uff25"},
		{"fullwidth-nine", "9", "\uff19"}, {"math-bold-e", "E", "\U0001d404"}, {"cyrillic-em-prefix", "M", "\u041c"},
		{"cyrillic-small-ie", "E", "\u0435"}, {"combining-acute", "E", "E\u0301"},
	} {
		in = append(in, rawInput{"lookalike-" + l.name,
			"a letter look-alike is never mapped to ASCII: invalid",
			strings.Replace(specKey, l.from, l.to, 1)})
	}
	for _, c := range []string{"0", "1", "O", "I", "5", "7", "8", "o", "i"} {
		in = append(in, rawInput{"ambiguous-" + map[bool]string{true: "lower-", false: ""}[c == strings.ToLower(c) && c != strings.ToUpper(c)] + c,
			"a character keys never contain, in the last group",
			specKey[:23] + c + specKey[24:]})
	}
	in = append(in,
		rawInput{"lower-l", "lower-case l upper-cases to L: well formed, but not this purchase's key", specKey[:23] + "l" + specKey[24:]},
		rawInput{"old-four-segments", "the 4-segment form of the old documentation", "LM-EB2B-6DAD-E6BB-C9D2"},
		rawInput{"old-four-segments-lowercase", "old 4-segment form, lower case", "lm-eb2b-6dad-e6bb-c9d2"},
		rawInput{"old-four-segments-undashed", "old 4-segment form without dashes: 18 characters, no dashes inserted", "LMEB2B6DADE6BBC9D2"},
		rawInput{"old-four-segments-spaced", "old 4-segment form with spaces", "LM EB2B 6DAD E6BB C9D2"},
		rawInput{"old-segment-order", "the old documentation's segment order: well formed, wrong key", "LM-EB2B-6DAD-E6BB-AGE2-C9D2"},
		rawInput{"checksum-last-char", "last character of the checksum changed", specKey[:26] + "3"},
		rawInput{"checksum-aaaa", "checksum group replaced", specKey[:23] + "AAAA"},
		rawInput{"checksum-2222", "checksum group replaced", specKey[:23] + "2222"},
		rawInput{"groups-swapped", "two groups swapped: well formed, wrong key", "LM-6DAD-EB2B-E6BB-93FE-C9D2"},
		rawInput{"first-char-changed", "one character of the body changed", "LM-FB2B" + specKey[7:]},
		rawInput{"undashed", "all 22 characters without dashes: the dashes are inserted", "LMEB2B6DADE6BB93FEC9D2"},
		rawInput{"undashed-lowercase", "lower case without dashes", "lmeb2b6dade6bb93fec9d2"},
		rawInput{"space-separated", "spaces instead of dashes are dropped, then the dashes inserted", "LM EB2B 6DAD E6BB 93FE C9D2"},
		rawInput{"undashed-short", "21 characters without dashes: left alone", "LMEB2B6DADE6BB93FEC9D"},
		rawInput{"undashed-long", "23 characters without dashes: left alone", "LMEB2B6DADE6BB93FEC9D2A"},
		rawInput{"undashed-ambiguous", "22 characters with a 0: dashes inserted, still invalid", "LMEB2B6DADE6BB93FEC9D0"},
		rawInput{"empty", "nothing", ""},
		rawInput{"only-spaces", "only whitespace normalises to the empty string", "  \t\n"},
		rawInput{"only-bom", "only a byte order mark", "\ufeff"},
		rawInput{"prefix-only", "just the prefix", "LM-"},
		rawInput{"prefix-no-dash", "just LM", "LM"},
		rawInput{"trailing-dash", "a dash after the last group", specKey + "-"},
		rawInput{"leading-dash", "a dash before the prefix", "-" + specKey},
		rawInput{"double-dash", "two dashes between groups", "LM--EB2B" + specKey[7:]},
		rawInput{"missing-prefix", "the groups without LM-", specKey[3:]},
		rawInput{"wrong-prefix", "ML- instead of LM-", "ML" + specKey[2:]},
		rawInput{"key-twice", "the key pasted twice", specKey + specKey},
		rawInput{"key-twice-spaced", "the key pasted twice with a space", specKey + " " + specKey},
		rawInput{"newline-inside", "a line break inside the key is dropped", specKey[:13] + "\r\n" + specKey[13:]},
		rawInput{"double-quotes", "quoted", "\"" + specKey + "\""},
		rawInput{"angle-brackets", "in angle brackets", "<" + specKey + ">"},
		rawInput{"trailing-period", "end of a sentence", specKey + "."},
		rawInput{"label-before", "a label pasted with the key", "Key: " + specKey},
		rawInput{"nul-inside", "a NUL character is kept, so the key is invalid", specKey[:13] + "\x00" + specKey[13:]},
		rawInput{"emoji", "an emoji in a group", "LM-EB2B-6DAD-E6BB-93FE-C9D\U0001f511"},
		rawInput{"combined-paste", "lower case, en and em dashes, a space, zero-width space and a newline together", " lm\u2013eb2b\u2014 6dad-e6bb\u201093fe-c9d2\u200b\n"},
		rawInput{"combined-nbsp-bom", "BOM, no-break spaces and a minus sign", "\ufeff\u00a0LM\u2212EB2B\u2212 6DAD\u2212E6BB\u221293FE\u2212C9D2\u00a0"},
		rawInput{"combined-fullwidth-dash-lower", "full-width hyphen-minus and lower case", strings.ToLower(strings.ReplaceAll(specKey, "-", "\uff0d"))},
		rawInput{"other-key-spec-2", "a well-formed key for another purchase", "LM-CACE-9FCB-GGFF-2A6A-FBCA"},
		rawInput{"other-key-spec-3", "another purchase's key, lower case", "lm-f2a4-adea-dfeb-2fee-4ede"},
		rawInput{"markup", "markup is rejected, never echoed as HTML", "LM-<b>-6DAD-E6BB-93FE-C9D2"},
		rawInput{"sentinel", "the old fake fallback key is not a key", "LM-ERROR-ERROR-ERROR-ERROR-ERROR"},
	)
	return in
}

func inputs() []interface{} {
	out := []interface{}{}
	for _, c := range oddInputs() {
		key := dk.NormalizeLicenseKey(c.input)
		p := dk.ValidateFormat(key)
		verified, err := dk.VerifyLicenseKey(c.input, inputSession, specSecret)
		if err != nil {
			panic(err)
		}
		out = append(out, inputCase{c.id, c.comment, c.input, key, len(p) == 0, p, verified})
	}
	return out
}

type secretCase struct {
	ID      string            `json:"id"`
	Comment string            `json:"comment"`
	Env     map[string]string `json:"env"`
	// FileHex is the secret file's content in hex; FileVia says who names it: "env"
	// (DOWNLOAD_SECRET_FILE), "flag" (--secret-file) or "" (no file). Missing: the file is absent.
	FileHex    string `json:"fileHex"`
	FileVia    string `json:"fileVia"`
	Missing    bool   `json:"missing"`
	Secret     string `json:"secret,omitempty"`
	Error      string `json:"error,omitempty"`
	SecretHash string `json:"downloadHash,omitempty"`
}

const ruleSecret = "RULE-TEST-ONLY-secret-0123456789abcdef" // 38 characters, test only

func secretRule() []interface{} {
	type in struct {
		id, comment string
		env         map[string]string
		file        []byte
		via         string
		missing     bool
	}
	s := ruleSecret
	cases := []in{
		{"env-only", "the variable alone", map[string]string{"DOWNLOAD_SECRET": s}, nil, "", false},
		{"file-env-only", "a file named by DOWNLOAD_SECRET_FILE, no trailing newline", nil, []byte(s), "env", false},
		{"file-flag-only", "a file named by --secret-file", nil, []byte(s), "flag", false},
		{"file-lf", "exactly one trailing LF is removed", nil, []byte(s + "\n"), "env", false},
		{"file-crlf", "exactly one trailing CRLF is removed", nil, []byte(s + "\r\n"), "env", false},
		{"file-lf-lf", "only one LF is removed; the second is a control character: error", nil, []byte(s + "\n\n"), "env", false},
		{"file-cr", "a lone trailing CR is not a line ending here: error", nil, []byte(s + "\r"), "env", false},
		{"file-crlf-crlf", "only one CRLF is removed: error", nil, []byte(s + "\r\n\r\n"), "flag", false},
		{"file-trailing-space", "spaces are part of the secret, never trimmed", nil, []byte(s + " \n"), "env", false},
		{"file-invalid-utf8", "bytes that are not UTF-8: error", nil, append([]byte(s), 0xff, 0xfe), "env", false},
		{"file-bom", "a leading BOM is kept as part of the secret (one code point)", nil, append([]byte("\ufeff"), []byte(s)...), "env", false},
		{"file-missing", "the named file does not exist", nil, nil, "env", true},
		{"file-empty", "an empty file", nil, []byte{}, "env", false},
		{"file-only-newline", "a file holding only a newline is empty after trimming", nil, []byte("\n"), "env", false},
		{"both-env-and-file", "both variables set: error, never a silent choice", map[string]string{"DOWNLOAD_SECRET": s}, []byte(s), "env", false},
		{"both-env-and-flag", "the variable and --secret-file: error", map[string]string{"DOWNLOAD_SECRET": s}, []byte(s), "flag", false},
		{"empty-env-counts-as-unset", "DOWNLOAD_SECRET set to empty is unset, so the file is used", map[string]string{"DOWNLOAD_SECRET": ""}, []byte(s + "\n"), "env", false},
		{"neither", "nothing set", nil, nil, "", false},
		{"env-31-chars", "31 characters: too short", map[string]string{"DOWNLOAD_SECRET": strings.Repeat("a", 31)}, nil, "", false},
		{"env-32-chars", "32 characters: long enough", map[string]string{"DOWNLOAD_SECRET": strings.Repeat("a", 32)}, nil, "", false},
		{"env-31-code-points-multibyte", "31 code points in 62 UTF-8 bytes: too short (length is counted in code points)", map[string]string{"DOWNLOAD_SECRET": strings.Repeat("é", 31)}, nil, "", false},
		{"env-32-code-points-astral", "32 code points, 64 UTF-16 units: long enough", map[string]string{"DOWNLOAD_SECRET": strings.Repeat("🔑", 32)}, nil, "", false},
		{"env-replacement-char", "U+FFFD (what a decoder puts for invalid bytes): error", map[string]string{"DOWNLOAD_SECRET": s + "\ufffd"}, nil, "", false},
		{"env-trailing-newline", "the variable is never trimmed: a newline in it is an error", map[string]string{"DOWNLOAD_SECRET": s + "\n"}, nil, "", false},
		{"env-tab", "a tab is a control character: error", map[string]string{"DOWNLOAD_SECRET": s[:10] + "\t" + s[10:]}, nil, "", false},
		{"file-31-chars-after-trim", "32 bytes with the newline, 31 characters after it: too short", nil, []byte(strings.Repeat("b", 31) + "\n"), "flag", false},
	}
	dir, err := os.MkdirTemp("", "vectorgen-secret-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	out := []interface{}{}
	for _, c := range cases {
		path := filepath.Join(dir, c.id)
		if c.file != nil {
			if err := os.WriteFile(path, c.file, 0o600); err != nil {
				panic(err)
			}
		}
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		flagFile := ""
		switch c.via {
		case "env":
			env["DOWNLOAD_SECRET_FILE"] = path
		case "flag":
			flagFile = path
		}
		got, err := dk.ReadConfiguredSecret(func(k string) string { return env[k] }, flagFile)
		sc := secretCase{ID: c.id, Comment: c.comment, Env: c.env, FileHex: hex.EncodeToString(c.file), FileVia: c.via, Missing: c.missing}
		if sc.Env == nil {
			sc.Env = map[string]string{}
		}
		if err != nil {
			sc.Error = dk.ErrorCode(err)
		} else {
			sc.Secret = got
			sc.SecretHash = must(dk.DownloadHash(got, 40648, "linux"))
		}
		out = append(out, sc)
	}
	return out
}

type numberCase struct {
	ID      string `json:"id"`
	Comment string `json:"comment"`
	Text    string `json:"text"`
	Value   *int64 `json:"value,omitempty"`
	Error   string `json:"error,omitempty"`
}

func numbers() []interface{} {
	cases := []struct{ id, comment, text string }{
		{"zero", "0 is canonical", "0"},
		{"window", "a window number", "40648"},
		{"unix", "Unix seconds", "1755993600"},
		{"max-safe", "2^53 - 1, the largest integer both languages hold exactly", "9007199254740991"},
		{"leading-zero", "never octal: 010 is rejected, not 8", "010"},
		{"hex", "never hexadecimal: 0x10 is rejected, not 16", "0x10"},
		{"underscore", "no digit separators: 1_0 is rejected, not 10", "1_0"},
		{"plus", "no sign", "+1"},
		{"minus", "no negative numbers", "-1"},
		{"space", "no surrounding spaces", " 1"},
		{"empty", "empty", ""},
		{"exponent", "no exponent", "1e3"},
		{"decimal", "no fraction", "1.5"},
		{"arabic-indic", "ASCII digits only", "\u0661"},
		{"fullwidth", "ASCII digits only", "\uff11"},
		{"too-large", "beyond 2^53 - 1: rejected so both languages read the same number", "9007199254740992"},
	}
	out := []interface{}{}
	for _, c := range cases {
		nc := numberCase{ID: c.id, Comment: c.comment, Text: c.text}
		v, err := dk.ParseSafeUint(c.text, "value")
		if err != nil {
			nc.Error = dk.ErrorCode(err)
		} else {
			nc.Value = &v
		}
		out = append(out, nc)
	}
	return out
}
