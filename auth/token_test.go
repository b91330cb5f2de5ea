package auth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWeakTokensRefused: a token an attacker could guess is refused at
// start-up, by New and by LoadTokens, and the refusal names where the token
// is (position, or file and line) and why, without printing it.
func TestWeakTokensRefused(t *testing.T) {
	tests := []struct {
		name, token, why string
	}{
		{"one letter", "aaaaaaaaaaaaaaaa", "repeats the same 1 characters"},
		{"a word twice", "passwordpassword", "repeats the same 8 characters"},
		{"digits four times", strings.Repeat("0123456789", 4), "repeats the same 10 characters"},
		{"two letters", "abababababababababababababababax", "only 3 distinct give an estimated 37 bits"},
		{"counting", "1234567890123456", "estimated 52 bits"},
		{"mostly one letter", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "only 2 distinct give an estimated 8 bits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(what string, err error, where string) {
				t.Helper()
				if err == nil {
					t.Fatalf("%s accepted %q", what, tt.token)
				}
				msg := err.Error()
				if !strings.Contains(msg, where) || !strings.Contains(msg, tt.why) || !strings.Contains(msg, "openssl rand") {
					t.Errorf("%s: %q; want it to name %q, say %q and how to generate a token", what, msg, where, tt.why)
				}
				if strings.Contains(msg, tt.token) {
					t.Errorf("%s: the refusal prints the token: %q", what, msg)
				}
			}
			_, err := New(Config{Tokens: []string{strongToken, tt.token}})
			check("New", err, "editor token 2")

			_, err = LoadTokens(func(k string) string {
				return map[string]string{EnvTokens: strongToken + "," + tt.token}[k]
			})
			check("LoadTokens(env)", err, EnvTokens+": token 2")

			file := filepath.Join(t.TempDir(), "tokens")
			os.WriteFile(file, []byte("# alice\n"+strongToken+"\n\n# bob\n"+tt.token+"\n"), 0o600)
			_, err = ConfigFromEnv(func(k string) string { return map[string]string{EnvTokensFile: file}[k] })
			check("ConfigFromEnv(file)", err, file+" line 5")
		})
	}
}

// strongToken is what `openssl rand -hex 32` printed once.
const strongToken = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

func TestStrongTokensAccepted(t *testing.T) {
	for _, tok := range []string{
		strongToken,
		"Qm9iIGlzIGhlcmUgYW5kIHdhbnRzIGluLg", // base64url, 34 characters
		"8c1f0a7e3b5d9246a0e1",               // 20 hex characters that happen to vary enough
		tokenA, tokenB,
		"test-editor-token-0123456789abcdef", // the editor tests'
		"test-editor-token-0123456789",       // cmd/shuttle's tests'
	} {
		if err := checkToken(tok); err != nil {
			t.Errorf("checkToken(%q): %v", tok, err)
		}
	}
}

func TestEstimateBits(t *testing.T) {
	tests := []struct {
		in       string
		bits     float64
		distinct int
	}{
		{"aaaa", 0, 1},
		{"abab", 4, 2},               // one bit per character
		{"abcdefghijklmnop", 64, 16}, // four bits per character
	}
	for _, tt := range tests {
		if bits, d := estimateBits(tt.in); bits != tt.bits || d != tt.distinct {
			t.Errorf("estimateBits(%q) = %v, %d; want %v, %d", tt.in, bits, d, tt.bits, tt.distinct)
		}
	}
}
