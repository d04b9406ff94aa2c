package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// apiTimeout bounds every licensing request. One request per command and no retries: a
// refused or unreachable API is reported, and the next command (or background refresh) tries
// again.
const apiTimeout = 15 * time.Second

// The licensing API's answers (apps/api/src/routes/licenses.ts).
type activationView struct {
	ID          string  `json:"id"`
	Machine     string  `json:"machine"`
	Name        *string `json:"name"`
	Platform    string  `json:"platform"`
	AppVersion  string  `json:"appVersion"`
	ActivatedAt int64   `json:"activatedAt"`
	LastSeen    int64   `json:"lastSeen"`
}

type leaseAnswer struct {
	Lease      string         `json:"lease"`
	Activation activationView `json:"activation"`
}

type activeMachine struct {
	Machine  string  `json:"machine"`
	Name     *string `json:"name"`
	Platform string  `json:"platform"`
	LastSeen int64   `json:"lastSeen"`
}

// apiRefusal is an answer `{ "error": { "code", "message", … } }`, with the members some
// codes add (activation_limit: limit and machines) and Retry-After.
type apiRefusal struct {
	Status     int
	Code       string          `json:"code"`
	Message    string          `json:"message"`
	Limit      int64           `json:"limit"`
	Machines   []activeMachine `json:"machines"`
	RetryAfter string
}

func (r *apiRefusal) Error() string {
	return fmt.Sprintf("the licensing API refused (%d %s): %s", r.Status, r.Code, r.Message)
}

// unreachable is a request that got no answer from the API (connection, timeout, not JSON).
type unreachable struct{ msg string }

func (u *unreachable) Error() string { return u.msg }

// checkAPIURL accepts the API's origin (http or https, a host, no query): the routes are
// under <api>/api/licenses.
func checkAPIURL(text string) (string, error) {
	u, err := url.Parse(text)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", usageError{fmt.Sprintf("--api must be the site's address, such as https://localmemory.co, got %q", text)}
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// apiOrigin is the API's origin for a command: --api, else $LOCAL_MEMORY_API_URL, else the
// license file's (fromFile; "" when there is none), checked by checkAPIURL. It returns ""
// when none of them names one.
func apiOrigin(flagValue string, e env, fromFile string) (string, error) {
	text := flagValue
	if text == "" {
		text = e.getenv("LOCAL_MEMORY_API_URL")
	}
	if text == "" {
		text = fromFile
	}
	if text == "" {
		return "", nil
	}
	return checkAPIURL(text)
}

func (e env) httpClient() *http.Client {
	if e.client != nil {
		return e.client
	}
	return &http.Client{Timeout: apiTimeout}
}

// exchange is every request this command makes (the licensing API, the revocation list): the
// one client, its User-Agent and Accept, and an answer read up to limit bytes. A request that
// got no answer returns a nil response; an answer that broke off returns the response and the
// read error.
func (e env) exchange(req *http.Request, accept string, limit int64) (*http.Response, []byte, error) {
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", "local-memory-ref/"+version)
	res, err := e.httpClient().Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, limit))
	return res, data, err
}

// callAPI posts body to <api>/api/licenses/<op>, decodes a 2xx answer into out and returns its
// status. It returns *apiRefusal for an error answer and *unreachable when there is no usable
// answer.
func callAPI(e env, api, op string, body interface{}, out interface{}) (int, error) {
	payload, err := json.Marshal(body)
	if err != nil {
		return 0, err
	}
	endpoint := api + "/api/licenses/" + op
	req, err := http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(payload))
	if err != nil {
		return 0, &unreachable{fmt.Sprintf("cannot build a request to %s: %s", endpoint, err)}
	}
	req.Header.Set("Content-Type", "application/json")
	res, data, err := e.exchange(req, "application/json", 1<<20)
	if res == nil {
		// The error names the URL and the cause; the body (the license key) is never in it.
		return 0, &unreachable{fmt.Sprintf("could not reach the licensing API at %s: %s", endpoint, rootCause(err))}
	}
	if err != nil {
		return 0, &unreachable{fmt.Sprintf("the licensing API at %s broke off its answer: %s", endpoint, err)}
	}
	if res.StatusCode >= 200 && res.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			return 0, &unreachable{fmt.Sprintf("the licensing API at %s answered %d with something that is not its JSON", endpoint, res.StatusCode)}
		}
		return res.StatusCode, nil
	}
	var wrapped struct {
		Error *apiRefusal `json:"error"`
	}
	if json.Unmarshal(data, &wrapped) != nil || wrapped.Error == nil || wrapped.Error.Code == "" {
		return 0, &unreachable{fmt.Sprintf("%s answered %d without a licensing error body: is --api the Local Memory site?", endpoint, res.StatusCode)}
	}
	wrapped.Error.Status = res.StatusCode
	wrapped.Error.RetryAfter = res.Header.Get("Retry-After")
	return res.StatusCode, wrapped.Error
}

func rootCause(err error) string {
	if u, ok := err.(*url.Error); ok {
		if u.Timeout() {
			return fmt.Sprintf("no answer within %s", apiTimeout)
		}
		return u.Err.Error()
	}
	return err.Error()
}
