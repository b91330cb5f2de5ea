package content

import (
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"NATO Foreign Ministers Meet", "nato-foreign-ministers-meet"},
		{"Élysée Summit: Macron & Biden", "elysee-summit-macron-biden"},
		{"Réunion à Genève", "reunion-a-geneve"},
		{"Władysław Kosiniak-Kamysz", "wladyslaw-kosiniak-kamysz"},
		{"Straße, Æsir, Øresund, Þingvellir", "strasse-aesir-oresund-thingvellir"},
		{"Poland's rock-solid ties", "polands-rock-solid-ties"},
		{"Secretary Blinken’s Meeting", "secretary-blinkens-meeting"},
		{"  --Hello--  World--  ", "hello-world"},
		{"2+2 talks in Tōkyō", "2-2-talks-in-tokyo"},
		{"日本", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.want != "" && !ValidSlug(tt.want) {
			t.Errorf("ValidSlug(%q) = false", tt.want)
		}
	}
}

func TestSlugifyLength(t *testing.T) {
	got := Slugify(strings.Repeat("diplomacy ", 20))
	if len(got) > maxSlugLen || !ValidSlug(got) || !strings.HasPrefix(got, "diplomacy-diplomacy") {
		t.Errorf("Slugify(long) = %q (%d bytes)", got, len(got))
	}
}
