package pdf

import (
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavusansoblique"
	"github.com/go-fonts/dejavu/dejavuserif"
	"github.com/go-fonts/dejavu/dejavuserifitalic"

	"github.com/dossier-news/dossier/exporters/pdf/internal/textlayout"
)

// fontSet holds the font chains the layout uses. DejaVu Serif has no
// Arabic or Hebrew and no oblique face has Arabic, so every chain ends in
// an upright sans face that has them.
type fontSet struct {
	body, bodyItalic           textlayout.Chain // serif text
	sans, sansBold, sansItalic textlayout.Chain // headings, labels
	rtlBody, rtlItalic         textlayout.Chain // right-to-left paragraphs: sans throughout
}

func loadFonts() (*fontSet, error) {
	var firstErr error
	face := func(family, style string, ttf []byte) *textlayout.Face {
		f, err := textlayout.NewFace(family, style, ttf)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return f
	}
	serif := face("dejavuserif", "", dejavuserif.TTF)
	serifI := face("dejavuserif", "I", dejavuserifitalic.TTF)
	sans := face("dejavusans", "", dejavusans.TTF)
	sansB := face("dejavusans", "B", dejavusansbold.TTF)
	sansI := face("dejavusans", "I", dejavusansoblique.TTF)
	if firstErr != nil {
		return nil, firstErr
	}
	return &fontSet{
		body:       textlayout.Chain{serif, sans},
		bodyItalic: textlayout.Chain{serifI, sansI, sans},
		sans:       textlayout.Chain{sans},
		sansBold:   textlayout.Chain{sansB, sans},
		sansItalic: textlayout.Chain{sansI, sans},
		rtlBody:    textlayout.Chain{sans, serif},
		rtlItalic:  textlayout.Chain{sansI, sans},
	}, nil
}
