package wire

import (
	"bytes"
	"net/http"
	"strconv"
)

// net/http refuses some requests before any handler sees them — a request
// line it cannot parse, a header over MaxHeaderBytes, an unsupported
// transfer encoding — and writes its answer straight to the connection, in
// one write: "HTTP/1.1 431 Request Header Fields Too Large", a plain-text
// Content-Type, "Connection: close", and the reason as the body. Those
// answers would lack the security headers every other answer carries, and
// an API client would get text instead of the error envelope; rewrite turns
// them into Config.Error's answer. It recognises them by when they are
// written (no handler is serving the connection) and by their status line.

// rewrite returns Config.Error's answer in place of p, when p is one of
// net/http's own refusals.
func (c *conn) rewrite(p []byte) ([]byte, bool) {
	status, text, ok := refusal(p)
	if !ok {
		return nil, false
	}
	c.mu.Lock()
	target := requestTarget(c.start)
	c.mu.Unlock()
	h, body := c.l.cfg.Error(status, text, target)
	if h == nil {
		return nil, false
	}
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 ")
	b.WriteString(strconv.Itoa(status))
	b.WriteByte(' ')
	b.WriteString(http.StatusText(status))
	b.WriteString("\r\n")
	h = h.Clone()
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Connection", "close")
	h.Write(&b)
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes(), true
}

// refusal parses one of net/http's own answers: "HTTP/1.1 NNN ..." with a
// 4xx or 5xx code, whose body (after the blank line) is its explanation.
func refusal(p []byte) (status int, text string, ok bool) {
	const prefix = "HTTP/1.1 "
	if len(p) < len(prefix)+3 || string(p[:len(prefix)]) != prefix {
		return 0, "", false
	}
	code := p[len(prefix) : len(prefix)+3]
	if code[0] != '4' && code[0] != '5' {
		return 0, "", false
	}
	status, err := strconv.Atoi(string(code))
	if err != nil {
		return 0, "", false
	}
	if _, body, found := bytes.Cut(p, []byte("\r\n\r\n")); found {
		text = string(body)
	}
	return status, text, true
}

// requestTarget is the target of a request line's start ("GET /api/v1/x"),
// as far as it was read; "" when it does not look like one.
func requestTarget(start []byte) string {
	_, rest, ok := bytes.Cut(start, []byte(" "))
	if !ok || len(rest) == 0 || rest[0] != '/' {
		return ""
	}
	if i := bytes.IndexAny(rest, " \r\n"); i >= 0 {
		rest = rest[:i]
	}
	return string(rest)
}
