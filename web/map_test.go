package web

import (
	"slices"
	"strings"
	"testing"
)

// Every numbered shape of the generated map has an alpha-2 code, and no
// code is claimed by two different numbers.
func TestShapeCodesCoverMap(t *testing.T) {
	m, err := loadWorldMap()
	if err != nil {
		t.Fatal(err)
	}
	codes, err := shapeCodes()
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != len(m.shapes) {
		t.Errorf("codes.tsv has %d shapes, the map %d", len(codes), len(m.shapes))
	}
	byISO := map[string]string{}
	for key, iso := range codes {
		num, name, _ := strings.Cut(key, "\t")
		if iso == "" {
			if num != "-" {
				t.Errorf("map shape %s (%s) has no alpha-2 code", num, name)
			}
			continue
		}
		if prev, dup := byISO[iso]; dup && prev != num {
			t.Errorf("%s is mapped from both %s and %s", iso, prev, num)
		}
		byISO[iso] = num
	}
}

// The countries readers look for most are on the map, as shapes or dots.
func TestWorldMapShapes(t *testing.T) {
	m, err := loadWorldMap()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, s := range m.shapes {
		have[s.ISO] = true
		if !strings.HasPrefix(s.D, "M") && !s.Dot {
			t.Errorf("%s: empty shape", s.ISO)
		}
	}
	for _, iso := range []string{"US", "FR", "DE", "GB", "CN", "RU", "IL", "UA", "XK", "SG", "BH", "MT", "LU", "QA", "AE"} {
		if !have[iso] {
			t.Errorf("no shape for %s", iso)
		}
	}
	if m.W != 960 || m.H < 300 {
		t.Errorf("viewBox %dx%d", m.W, m.H)
	}
}

func TestClassBounds(t *testing.T) {
	for _, tt := range []struct {
		peak int
		want []int
	}{
		{85, []int{2, 6, 14, 35, 85}},
		{1, []int{1, 1, 1, 1, 1}},
		{0, []int{0, 0, 0, 0, 0}},
	} {
		got := classBounds(tt.peak)
		if !slices.Equal(got, tt.want) {
			t.Errorf("classBounds(%d) = %v, want %v", tt.peak, got, tt.want)
		}
		for n := 1; n <= tt.peak; n++ {
			if c := classOf(n, got); c < 1 || c > mapClasses || n > got[c-1] {
				t.Errorf("peak %d: %d visits in class %d", tt.peak, n, c)
			}
		}
	}
}

func TestFlag(t *testing.T) {
	for iso, want := range map[string]string{
		"FR": "🇫🇷", "QA": "🇶🇦", "AE": "🇦🇪", "XI": "", "XK": "", "QR": "", "ZZ": "", "AA": "", "fr": "", "FRA": "", "": "",
	} {
		if got := flag(iso); got != want {
			t.Errorf("flag(%q) = %q, want %q", iso, got, want)
		}
	}
}
