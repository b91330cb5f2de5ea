package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/mmcdole/gofeed"
)

// ErrTooLarge is wrapped by the error for a feed body over the size limit.
var ErrTooLarge = errors.New("feed body exceeds the size limit")

// NewHTTPClient returns the client a Poller uses by default: bounded dial,
// TLS and header waits (the per-feed timeout bounds the whole exchange), at
// most five redirects, and those only to http or https.
func NewHTTPClient() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 20 * time.Second,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConnsPerHost:   2,
			ForceAttemptHTTP2:     true,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s URL", req.URL.Scheme)
			}
			return nil
		},
	}
}

// fetched is one feed download: the parsed feed, or notModified.
type fetched struct {
	status      int
	notModified bool
	feed        *gofeed.Feed
	state       FeedState // validators to send next time
}

// fetch makes a conditional GET and parses the body as it streams in.
func (p *Poller) fetch(ctx context.Context, feedURL string, prev FeedState) (fetched, error) {
	if u, err := url.Parse(feedURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fetched{}, fmt.Errorf("not an http(s) URL")
	}
	ctx, cancel := context.WithTimeout(ctx, p.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feedURL, nil)
	if err != nil {
		return fetched{}, err
	}
	req.Header.Set("User-Agent", p.userAgent())
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := p.client().Do(req)
	if err != nil {
		return fetched{}, err
	}
	defer resp.Body.Close()
	f := fetched{status: resp.StatusCode}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		f.notModified, f.state = true, prev
		return f, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return f, fmt.Errorf("HTTP status %s", resp.Status)
	case resp.ContentLength > p.maxBytes():
		return f, fmt.Errorf("%w: Content-Length %d > %d", ErrTooLarge, resp.ContentLength, p.maxBytes())
	}
	body := &limitedReader{r: resp.Body, n: p.maxBytes()}
	f.feed, err = parseFeed(body)
	switch {
	case body.exceeded:
		return f, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, p.maxBytes())
	case err != nil:
		if ctx.Err() != nil {
			return f, fmt.Errorf("reading body: %w", ctx.Err())
		}
		return f, fmt.Errorf("parse: %w", err)
	}
	f.state = FeedState{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	return f, nil
}

// limitedReader fails once more than n bytes were read, and says so:
// io.LimitReader would end the stream quietly and the parser would report a
// truncated document instead of the real cause.
type limitedReader struct {
	r        io.Reader
	n        int64
	exceeded bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		l.exceeded = true
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		l.exceeded = true
		return n, ErrTooLarge
	}
	return n, err
}

// parseFeed parses RSS, Atom or JSON Feed. gofeed reads untrusted input; a
// bug in it must cost one feed, not the server, so a panic becomes an error.
func parseFeed(r io.Reader) (f *gofeed.Feed, err error) {
	defer func() {
		if v := recover(); v != nil {
			f, err = nil, fmt.Errorf("feed parser panicked: %v", v)
		}
	}()
	return gofeed.NewParser().Parse(r)
}
