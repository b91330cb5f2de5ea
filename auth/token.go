package auth

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
)

// Environment variables that configure the editor tokens.
const (
	EnvTokens     = "SHUTTLE_EDITOR_TOKENS"      // comma-separated tokens
	EnvTokensFile = "SHUTTLE_EDITOR_TOKENS_FILE" // a file with one token per line
	// EnvTrustForwardedProto, when "true" or "1", lets X-Forwarded-Proto:
	// https mark the session cookie Secure. Set it only behind a proxy that
	// terminates TLS and overwrites that header.
	EnvTrustForwardedProto = "SHUTTLE_TRUST_FORWARDED_PROTO"
	// EnvTrustForwardedFor, when "true" or "1", counts failed sign-ins
	// under the last X-Forwarded-For address (Config.TrustForwardedFor).
	EnvTrustForwardedFor = "SHUTTLE_TRUST_FORWARDED_FOR"
)

// MinTokenLen is the shortest token accepted. Tokens are the only secret an
// editor holds and the login form can be tried repeatedly, so they must be
// long enough that guessing is hopeless: `openssl rand -hex 32` gives 64.
const MinTokenLen = 16

// MinTokenBits is the least estimated entropy a token must carry: its length
// times the Shannon entropy of its own character frequencies. The estimate
// cannot see how a token was made, only how varied it is, so it is a floor
// that refuses the obviously weak ("aaaaaaaaaaaaaaaa" is 0 bits,
// "1234567890123456" 52) rather than a proof of strength. Because repeats are
// likely in a short sample, the estimate reads random text low: 16 random
// hex characters (64 bits in truth) almost never pass, random hex passes
// from about 24 characters and random base64 from about 20 (measured over
// 5,000 draws each), and `openssl rand -hex 32` (about 240 bits by this
// measure) always. A count of distinct characters was
// the other candidate; it was not chosen because it does not grow with
// length, so it refuses a long random token over a small alphabet and passes
// a short word with ten different letters.
const MinTokenBits = 64

// maxTokenLen bounds what is hashed per request; no generated token is longer.
const maxTokenLen = 512

// disabledMessage says how to turn writes on; it is shown on every refusal
// while no token is configured.
const disabledMessage = "editor writes are disabled: no editor token is configured; set " +
	EnvTokens + " (comma-separated) or " + EnvTokensFile + " (one token per line) and restart"

// tokenHash is a token's SHA-256. Only hashes are kept, so a heap dump or a
// stray log of the Authenticator shows no usable token; hashing also gives
// every comparison the same length, which ConstantTimeCompare needs.
type tokenHash [sha256.Size]byte

func hashToken(tok string) tokenHash { return sha256.Sum256([]byte(tok)) }

// fingerprint names a token in logs without revealing it: the first bytes of
// a hash of its hash, so it cannot be checked against the login form.
func (h tokenHash) fingerprint() string {
	sum := sha256.Sum256(h[:])
	return hex.EncodeToString(sum[:4])
}

// tokenSet is the configured tokens, as hashes.
type tokenSet []tokenHash

// match reports whether tok is one of the set, and which. It compares against
// every hash without stopping at a match, in constant time per hash, so the
// time taken says nothing about how much of a token was right or which one
// matched.
func (s tokenSet) match(tok string) (int, bool) {
	if tok == "" || len(tok) > maxTokenLen {
		return -1, false
	}
	h := hashToken(tok)
	found, idx := 0, -1
	for i := range s {
		eq := subtle.ConstantTimeCompare(h[:], s[i][:])
		found |= eq
		idx = subtle.ConstantTimeSelect(eq, i, idx)
	}
	return idx, found == 1
}

// newTokenSet validates and hashes tokens; duplicates are dropped. A bad
// token is named by its position in the list, never by its text.
func newTokenSet(tokens []string) (tokenSet, error) {
	var set tokenSet
	seen := map[tokenHash]bool{}
	for i, tok := range tokens {
		if err := checkToken(tok); err != nil {
			return nil, fmt.Errorf("editor token %d: %w", i+1, err)
		}
		h := hashToken(tok)
		if !seen[h] {
			seen[h] = true
			set = append(set, h)
		}
	}
	return set, nil
}

// generateHint ends every refusal of a weak token: what to do instead.
const generateHint = "generate one with `openssl rand -hex 32`"

// checkToken refuses tokens that are too short or too uniform to be secret,
// or that could not travel in an Authorization header as they are. Its
// messages describe the token (length, distinct characters, estimate) and
// never quote it: they end up in logs.
func checkToken(tok string) error {
	switch {
	case len(tok) < MinTokenLen:
		return fmt.Errorf("shorter than %d characters; %s", MinTokenLen, generateHint)
	case len(tok) > maxTokenLen:
		return fmt.Errorf("longer than %d characters", maxTokenLen)
	case !validTokenChars(tok):
		return errors.New("only visible ASCII characters without spaces or commas are allowed")
	}
	if unit := repeatUnit(tok); unit < len(tok) {
		return fmt.Errorf("repeats the same %d characters over and over, so guessing it is as easy as guessing those; %s", unit, generateHint)
	}
	if bits, distinct := estimateBits(tok); bits < MinTokenBits {
		return fmt.Errorf("too predictable: %d characters with only %d distinct give an estimated %.0f bits of entropy, "+
			"below the %d bits that make guessing it hopeless; %s", len(tok), distinct, bits, MinTokenBits, generateHint)
	}
	return nil
}

// estimateBits returns len(tok) times the Shannon entropy of tok's byte
// frequencies (see MinTokenBits), and how many distinct bytes it holds.
func estimateBits(tok string) (bits float64, distinct int) {
	var count [256]int
	for i := 0; i < len(tok); i++ {
		count[tok[i]]++
	}
	n := float64(len(tok))
	for _, c := range count {
		if c > 0 {
			distinct++
			p := float64(c) / n
			bits -= float64(c) * math.Log2(p)
		}
	}
	return bits, distinct
}

// repeatUnit returns the length of the shortest string tok is whole
// repetitions of, len(tok) when it is none. The entropy estimate alone
// counts "0123456789" four times over as 133 bits; it has the ten digits'
// worth of surprise, once.
func repeatUnit(tok string) int {
	for p := 1; p <= len(tok)/2; p++ {
		if len(tok)%p == 0 && strings.Repeat(tok[:p], len(tok)/p) == tok {
			return p
		}
	}
	return len(tok)
}

// validTokenChars accepts visible ASCII except the comma, which separates
// tokens in the environment variable.
func validTokenChars(tok string) bool {
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c <= ' ' || c >= 0x7f || c == ',' {
			return false
		}
	}
	return true
}

// ParseTokenList splits the comma-separated value of SHUTTLE_EDITOR_TOKENS;
// blanks around tokens and empty entries are ignored.
func ParseTokenList(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// ParseTokenFile reads a token file: one token per line; blank lines and
// lines starting with # are ignored, so a file can say whose token is whose.
func ParseTokenFile(data []byte) []string {
	var out []string
	for _, l := range parseTokenLines(data) {
		out = append(out, l.token)
	}
	return out
}

// tokenLine is a token of a file with its line number, so that a refusal can
// say where the bad token is without printing it.
type tokenLine struct {
	line  int
	token string
}

func parseTokenLines(data []byte) []tokenLine {
	var out []tokenLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, tokenLine{n, line})
		}
	}
	return out
}

// LoadTokens returns the tokens the environment configures: those of
// SHUTTLE_EDITOR_TOKENS and those in the file SHUTTLE_EDITOR_TOKENS_FILE
// names, together. getenv is os.Getenv outside tests. No tokens and no error
// means that editor writes stay disabled. Each token is checked here, where
// its origin is known: a refusal names the variable and the token's position
// in it, or the file and the line.
func LoadTokens(getenv func(string) string) ([]string, error) {
	tokens := ParseTokenList(getenv(EnvTokens))
	for i, tok := range tokens {
		if err := checkToken(tok); err != nil {
			return nil, fmt.Errorf("%s: token %d: %w", EnvTokens, i+1, err)
		}
	}
	if path := strings.TrimSpace(getenv(EnvTokensFile)); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvTokensFile, err)
		}
		lines := parseTokenLines(data)
		if len(lines) == 0 {
			// An empty file is almost certainly a deployment mistake; failing
			// beats silently running with writes disabled.
			return nil, fmt.Errorf("%s: %s holds no token", EnvTokensFile, path)
		}
		for _, l := range lines {
			if err := checkToken(l.token); err != nil {
				return nil, fmt.Errorf("%s: %s line %d: %w", EnvTokensFile, path, l.line, err)
			}
			tokens = append(tokens, l.token)
		}
	}
	return tokens, nil
}

// ParseBearer extracts the token from an Authorization header value
// ("Bearer <token>"; the scheme is case-insensitive, RFC 9110 §11.1). It
// reports false for any other scheme, a missing token, or a token with
// characters no configured token can hold.
func ParseBearer(header string) (string, bool) {
	scheme, tok, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimLeft(tok, " ")
	if tok == "" || len(tok) > maxTokenLen || !validTokenChars(tok) {
		return "", false
	}
	return tok, true
}
