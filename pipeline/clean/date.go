package clean

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/dossier-news/dossier/pipeline"
)

// ParseDate reads a publication date as news pages print it: ISO forms,
// numeric day-first forms (14.11.2022), and day, month name and year in
// English, Azerbaijani, Russian and Ukrainian (any case form), Turkish,
// German, French, Spanish, Armenian, Arabic and Persian, where Solar
// Hijri months ("۲۴ آبان ۱۴۰۱") are converted to the Gregorian calendar.
// Persian and Arabic-Indic digits are accepted. A time of day is kept
// (MinutePrecision); with a zone or offset the date is ZonedPrecision.
// Every word must be part of a date, so a sentence that merely mentions
// one is not a date.
func ParseDate(s string) (*pipeline.Date, bool) {
	p, ok := parseDateParts(s)
	if !ok || p.year == 0 {
		return nil, false
	}
	return p.date()
}

// dateParts is what a date string stated, before validation.
type dateParts struct {
	year, month, day int
	solarHijri       bool
	hasTime          bool
	hour, minute     int
	zone             *time.Location
}

func (p dateParts) date() (*pipeline.Date, bool) {
	var t time.Time
	if p.solarHijri {
		g, err := jalaliToGregorian(p.year, p.month, p.day)
		if err != nil {
			return nil, false
		}
		t = g
	} else {
		if p.year < 1800 || p.year > 2200 {
			return nil, false
		}
		t = time.Date(p.year, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC)
		if t.Day() != p.day || int(t.Month()) != p.month {
			return nil, false // 31 November
		}
	}
	if !p.hasTime {
		return &pipeline.Date{Time: t, Precision: pipeline.DayPrecision}, true
	}
	loc, precision := time.UTC, pipeline.MinutePrecision
	if p.zone != nil {
		loc, precision = p.zone, pipeline.ZonedPrecision
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), p.hour, p.minute, 0, 0, loc)
	return &pipeline.Date{Time: t, Precision: precision}, true
}

var (
	isoDateTime = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(z|[+-]\d{2}:?\d{2})?$`)
	yearFirst   = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	dayFirst    = regexp.MustCompile(`\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b`)
	// usShort is the United States' month/day/two-digit-year form
	// ("11/19/19 06:56 AM EST"); with slashes and two digits the year
	// comes last everywhere.
	usShort = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{2})\b`)
	// gluedYear is a year run into the time after it, where a page set
	// them in two elements without a space: "nov 15, 20195:45 am".
	gluedYear     = regexp.MustCompile(`\b((?:1[89]|2[01])\d{2})(\d{1,2}[:h]\d{2})\b`)
	clockTime     = regexp.MustCompile(`\b(\d{1,2})(?:\s?[:h]\s?|\.)(\d{2})(?::\d{2})?(?:\s*(a\.?m\.?|p\.?m\.?)(?:\s|$))?`)
	zoneOffset    = regexp.MustCompile(`(?:\b(?:gmt|utc)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?\b`)
	levantine     = strings.NewReplacer("كانون الثاني", "يناير", "تشرين الأول", "أكتوبر", "تشرين الثاني", "نوفمبر", "كانون الأول", "ديسمبر")
	digitsToASCII = strings.NewReplacer(
		"۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9",
		"٠", "0", "١", "1", "٢", "2", "٣", "3", "٤", "4", "٥", "5", "٦", "6", "٧", "7", "٨", "8", "٩", "9",
		"٫", ".", "،", ",")
)

func parseDateParts(s string) (dateParts, bool) {
	var p dateParts
	s = strings.ToLower(strings.TrimSpace(digitsToASCII.Replace(s)))
	s = strings.Map(func(r rune) rune {
		if r == '\u200c' { // the Persian zero-width non-joiner stays inside words
			return r
		}
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	if s == "" || len(s) > 80 {
		return p, false
	}
	if m := isoDateTime.FindStringSubmatch(s); m != nil {
		p.year, p.month, p.day = atoi(m[1]), atoi(m[2]), atoi(m[3])
		p.hasTime, p.hour, p.minute = true, atoi(m[4]), atoi(m[5])
		if m[7] != "" {
			p.zone = offsetZone(m[7])
		}
		return p, p.validClock()
	}
	s = levantine.Replace(s)
	s = gluedYear.ReplaceAllString(s, "$1 $2")
	if m := yearFirst.FindStringSubmatchIndex(s); m != nil {
		p.year, p.month, p.day = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		s = s[:m[0]] + " " + s[m[1]:]
	} else if m := dayFirst.FindStringSubmatchIndex(s); m != nil {
		p.day, p.month, p.year = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		if p.month > 12 && p.day <= 12 { // 11/22/2022, as in the United States
			p.day, p.month = p.month, p.day
		}
		s = s[:m[0]] + " " + s[m[1]:]
	} else if m := usShort.FindStringSubmatchIndex(s); m != nil {
		p.month, p.day, p.year = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), 2000+atoi(s[m[6]:m[7]])
		if p.month > 12 && p.day <= 12 {
			p.day, p.month = p.month, p.day
		}
		s = s[:m[0]] + " " + s[m[1]:]
	}
	if m := clockTime.FindStringSubmatchIndex(s); m != nil {
		p.hasTime, p.hour, p.minute = true, atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]])
		if m[6] >= 0 {
			pm := strings.HasPrefix(s[m[6]:m[7]], "p")
			switch {
			case p.hour < 1 || p.hour > 12:
				return p, false
			case pm && p.hour != 12:
				p.hour += 12
			case !pm && p.hour == 12:
				p.hour = 0
			}
		}
		rest := s[m[1]:]
		s = s[:m[0]] + " "
		if z := zoneOffset.FindStringSubmatchIndex(rest); z != nil {
			p.zone = offsetZone(strings.TrimSpace(rest[z[2]:z[1]]))
			rest = rest[:z[0]] + " " + rest[z[1]:]
		}
		s += rest
	}
	if !p.readWords(s) || !p.validClock() {
		return p, false
	}
	return p, p.month != 0 && p.day != 0
}

func (p *dateParts) validClock() bool {
	return p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= 31 &&
		p.hour >= 0 && p.hour < 24 && p.minute >= 0 && p.minute < 60
}

// readWords fills in the day, month and year from what remains once
// numeric dates and times are taken out; it fails on any word that has no
// place in a date.
func (p *dateParts) readWords(s string) bool {
	numbers := 0
	for _, tok := range dateTokens(s) {
		if tok[0] >= '0' && tok[0] <= '9' {
			n := atoi(tok)
			numbers++
			switch {
			case len(tok) == 4 && p.year == 0:
				p.year = n
			case len(tok) <= 2 && p.day == 0 && n >= 1 && n <= 31:
				p.day = n
			default:
				return false
			}
			continue
		}
		if m, ok := monthNames[tok]; ok {
			if p.month != 0 && p.month != m.month {
				return false
			}
			p.month, p.solarHijri = m.month, m.solarHijri
			continue
		}
		if zone, ok := zoneNames[tok]; ok && p.hasTime {
			p.zone = time.FixedZone(strings.ToUpper(tok), zone)
			continue
		}
		if !dateWords[tok] {
			return false
		}
	}
	if p.solarHijri && p.year != 0 && p.year > 1700 {
		return false
	}
	if !p.solarHijri && p.year != 0 && p.year < 1700 {
		return false
	}
	return numbers <= 3
}

// dateTokens splits s into runs of digits and runs of letters (with the
// marks and joiners inside words); everything else separates.
func dateTokens(s string) []string {
	var out []string
	start, kind := -1, 0
	flush := func(end int) {
		if start >= 0 {
			out = append(out, s[start:end])
		}
		start, kind = -1, 0
	}
	for i, r := range s {
		k := 0
		switch {
		case r >= '0' && r <= '9':
			k = 1
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == '\u200c' || r == '\'' || r == '’':
			k = 2
		}
		if k != kind {
			flush(i)
			if k != 0 {
				start, kind = i, k
			}
		}
	}
	flush(len(s))
	return out
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// offsetZone reads "z", "+04:00", "+0400" or "+4".
func offsetZone(s string) *time.Location {
	if s == "z" {
		return time.UTC
	}
	sign := 1
	if strings.HasPrefix(s, "-") {
		sign = -1
	}
	s = strings.TrimLeft(s, "+-")
	s = strings.ReplaceAll(s, ":", "")
	h, m := 0, 0
	switch len(s) {
	case 1, 2:
		h = atoi(s)
	case 4:
		h, m = atoi(s[:2]), atoi(s[2:])
	default:
		return nil
	}
	if h > 14 || m > 59 {
		return nil
	}
	offset := sign * (h*3600 + m*60)
	if offset == 0 {
		return time.UTC
	}
	return time.FixedZone("", offset)
}
