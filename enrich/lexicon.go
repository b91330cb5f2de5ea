package enrich

// Closed word classes of English news style. They are grammar, not knowledge
// of the world (that lives in the gazetteer), and are matched in lower case.

// speechVerbs attribute words to a speaker ("said", "told", "warned").
var speechVerbs = setOf(
	"say", "says", "said", "saying", "tell", "tells", "told", "telling",
	"add", "adds", "added", "adding", "state", "states", "stated", "stating",
	"declare", "declares", "declared", "declaring", "note", "notes", "noted", "noting",
	"explain", "explains", "explained", "explaining", "ask", "asks", "asked", "asking",
	"warn", "warns", "warned", "warning", "urge", "urges", "urged", "urging",
	"stress", "stresses", "stressed", "stressing", "emphasize", "emphasizes", "emphasized",
	"emphasise", "emphasises", "emphasised", "continue", "continues", "continued",
	"remark", "remarks", "remarked", "insist", "insists", "insisted", "predict", "predicts",
	"predicted", "acknowledge", "acknowledges", "acknowledged", "argue", "argues", "argued",
	"write", "writes", "wrote", "writing", "tweet", "tweets", "tweeted", "post", "posted",
	"announce", "announces", "announced", "comment", "comments", "commented", "observe",
	"observes", "observed", "reply", "replies", "replied", "respond", "responds", "responded",
	"recall", "recalls", "recalled", "caution", "cautions", "cautioned", "assert", "asserts",
	"asserted", "vow", "vows", "vowed", "pledge", "pledged", "promise", "promised", "concede",
	"conceded", "admit", "admitted", "suggest", "suggests", "suggested", "quip", "quipped",
	"call", "calls", "called", "calling", "describe", "describes", "described", "describing",
	"praise", "praises", "praised", "praising", "confirm", "confirmed", "tout", "touted",
	"proclaim", "proclaimed", "declare", "mused", "joked", "boasted", "complained", "lamented",
	"countered", "conclude", "concluded", "summarized", "highlight", "highlighted", "agree", "agreed")

// speechParticiples open a sentence whose speaker follows the quotation
// ("Calling Poland a “model ally,” Hegseth commended …").
var speechParticiples = setOf("calling", "saying", "describing", "noting", "warning", "praising",
	"adding", "stressing", "insisting", "arguing", "telling", "urging", "declaring", "asking")

// pronouns that can stand for a person speaking.
var malePronouns = setOf("he")
var femalePronouns = setOf("she")

// attributionFiller may stand between a speaker and the speech verb ("Austin
// on Tuesday said", "Stoltenberg also said").
var attributionFiller = setOf("also", "then", "later", "further", "again", "repeatedly", "once",
	"on", "in", "at", "last", "earlier", "today", "yesterday", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "week", "month", "year", "has", "had", "have",
	"previously", "recently", "publicly", "separately", "would", "will", "not", "never",
	"reportedly", "specifically", "explicitly", "this", "morning", "afternoon", "evening", "night")

// locatives before a capital make it a place, not its government ("met in
// Moscow", "arrived in Vientiane").
var locatives = setOf("in", "at", "to", "from", "into", "near", "outside", "around", "via", "toward",
	"towards", "across", "through", "throughout", "inside", "within", "visit", "visited", "visiting",
	"visits", "arrived", "arrives", "arriving", "landed", "reached", "left", "leaves", "leaving",
	"departed", "based", "headquartered", "held", "hosted", "of", "flew", "traveled", "travelled",
	"returned", "back", "near", "outskirts", "downtown", "central")

// stopCaps are capitalised words that never begin or belong to a person's
// name: function words at a sentence start, days and months, and the head
// nouns of places, bodies and events ("Camp", "Council", "Summit").
var stopCaps = setOf(
	"the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you",
	"his", "her", "its", "their", "our", "my", "your", "in", "on", "at", "by", "for", "with", "from",
	"to", "of", "and", "but", "or", "nor", "so", "yet", "as", "if", "while", "when", "where", "after",
	"before", "during", "since", "until", "although", "though", "because", "both", "all", "each",
	"every", "some", "many", "most", "more", "other", "another", "such", "no", "not", "there", "here",
	"what", "which", "who", "whom", "whose", "how", "why", "however", "meanwhile", "also", "then",
	"earlier", "later", "today", "yesterday", "tomorrow", "now", "still", "even", "only", "just",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "june", "july", "august", "september",
	"october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.",
	"sep.", "sept.", "oct.", "nov.", "dec.",
	"camp", "bay", "base", "fort", "port", "mount", "mountains", "mountain", "sea", "ocean", "river",
	"lake", "island", "islands", "peninsula", "strait", "gulf", "street", "avenue", "square",
	"house", "hall", "palace", "building", "center", "centre", "airport", "airfield", "city",
	"province", "region", "district", "county", "state", "states", "capital", "valley", "desert",
	"council", "committee", "commission", "ministry", "department", "agency", "office", "bureau",
	"command", "forces", "force", "army", "navy", "corps", "guard", "group", "union", "party",
	"bank", "company", "corporation", "university", "institute", "school", "college", "court",
	"parliament", "assembly", "congress", "senate", "government", "administration", "embassy",
	"mission", "operation", "operations", "task", "summit", "meeting", "meetings", "conference",
	"forum", "dialogue", "talks", "session", "ministerial", "partnership", "alliance", "agreement",
	"treaty", "accord", "pact", "memorandum", "understanding", "declaration", "statement", "act",
	"law", "strategy", "policy", "initiative", "program", "programme", "plan", "fund", "day",
	"week", "year", "war", "crisis", "north", "south", "east", "west", "eastern", "western",
	"northern", "southern", "central", "middle", "pacific", "atlantic", "indo-pacific", "readout",
	"article", "chapter", "section", "press", "release", "news", "service", "network", "times",
	"post", "journal", "report", "media", "ally", "allies", "flank", "region", "world", "global",
	"international", "national", "federal", "republic", "kingdom", "democratic", "people's",
	"defense", "defence", "security", "foreign", "affairs", "relations", "cooperation",
	"secretary", "minister", "president", "general", "ambassador", "spokesperson", "leader",
	"office", "spokesman", "spokeswoman", "commander", "chief", "director", "chairman", "chair",
	"senator", "representative", "governor", "deputy", "acting", "vice", "prime", "major",
	"non-nato", "nato", "un", "eu", "u.s.", "us", "cold", "hot", "new", "old", "great", "first",
	"second", "third", "last", "next", "additional", "initial", "administration", "officials",
	"official", "nations", "countries", "country", "troops", "soldiers", "ministers", "leaders",
	"members", "member", "partners", "partner", "both", "neither", "either", "any", "several",
	"major", "non", "marines", "sailors", "airmen", "servicemembers", "daily", "weekly",
	"readouts", "remarks", "note", "source", "data", "see", "more", "points", "image", "photo",
	"video", "audio", "caption", "credit", "click", "read", "share", "subscribe", "related",
	"update", "updated", "breaking", "exclusive", "analysis", "opinion", "editorial", "tags",
	"topics", "category", "categories", "home", "page", "menu", "search", "login", "sign",
)

// roleNouns say what a person is in an apposition or a description ("X, a
// foreign policy analyst at …", "the chief negotiator, X,"): professions and
// positions of the people news quotes, none of them a title of office.
var roleNouns = setOf("analyst", "specialist", "economist", "expert", "professor", "researcher",
	"scholar", "fellow", "member", "negotiator", "journalist", "reporter", "correspondent",
	"editor", "lawyer", "attorney", "activist", "resident", "student", "farmer", "teacher",
	"doctor", "official", "diplomat", "lawmaker", "legislator", "politician", "spokesman",
	"spokeswoman", "spokesperson", "adviser", "advisor", "aide", "envoy", "director", "head",
	"chief", "founder", "co-founder", "chairman", "chairwoman", "executive", "officer",
	"commander", "colonel", "soldier", "veteran", "candidate", "leader", "minister", "president",
	"premier", "governor", "mayor", "mother", "father", "son", "daughter", "wife", "husband",
	"widow", "owner", "worker", "shopkeeper", "driver", "survivor", "witness", "refugee",
	"contributor", "columnist", "historian", "strategist", "consultant", "lecturer", "sherpa",
	"speaker", "ambassador", "secretary", "general", "admiral", "monarch", "cleric", "imam",
	"businessman", "businesswoman", "banker", "trader", "engineer", "nurse", "physician",
	"pilot", "fighter", "militant", "commentator", "writer", "author", "partner", "manager",
	"coordinator", "representative", "delegate", "observer", "organizer", "organiser", "counterpart")

// nameParticles may stand lower-case inside a name ("Ursula von der Leyen",
// "Mohammed bin Salman").
var nameParticles = setOf("bin", "ibn", "bint", "al", "el", "de", "da", "das", "dos", "du", "van",
	"von", "der", "den", "la", "le", "di", "del", "della", "y", "ben", "abu", "ter", "zu")

// placeOpeners begin place names, not personal names, in the languages
// foreign news most often quotes place names from ("San José", "Santa Cruz",
// "Port Moresby", "Dar es Salaam", "Mar del Plata", "Puerto Príncipe").
var placeOpeners = setOf("san", "santa", "santo", "são", "sao", "saint", "st.", "mar", "puerto",
	"porto", "port", "dar", "ciudad", "villa", "bandar", "kuala", "addis",
	"sharm", "nueva", "nuevo", "río", "rio", "cabo", "los", "las")

// nameSuffixes follow a name and are dropped from its canonical form.
var nameSuffixes = setOf("jr.", "jr", "sr.", "sr", "iii", "iv", "ii")

// meetingWords mark a multilateral body's meeting as the news event ("NATO
// foreign ministers meeting", "ASEAN talks").
var meetingWords = setOf("meeting", "meetings", "summit", "ministerial", "ministerials",
	"talks", "conference", "session", "gathering", "headquarters", "foreign ministers",
	"defense ministers", "ministers", "council", "forum", "assembly", "consultations")

// bilateralHeadline words make a headline about one counterpart ("Meeting
// With", "Call With", "Hosts").
var bilateralHeadline = setOf("meeting", "meets", "meet", "met", "call", "calls", "called",
	"hosts", "hosted", "host", "welcomes", "welcomed", "receives", "received", "speaks", "spoke",
	"discuss", "discusses", "discussed", "phone", "counterpart", "counterparts")

// roleSynonyms let a later generic noun point at someone already named by a
// more specific title ("the top U.S. diplomat" for the Secretary of State).
var roleSynonyms = map[string][]string{
	"diplomat":     {"secretary of state", "foreign minister", "ambassador", "envoy", "minister of foreign affairs", "foreign secretary", "high representative"},
	"chief":        {"secretary general", "secretary-general", "chief", "commander", "head", "director", "chairman", "chairperson", "leader"},
	"leader":       {"president", "prime minister", "king", "chancellor", "leader", "premier", "chief", "head"},
	"official":     {"official"},
	"secretary":    {"secretary"},
	"minister":     {"minister"},
	"general":      {"general", "commander"},
	"commander":    {"commander", "general", "admiral"},
	"spokesman":    {"spokesman", "spokesperson", "press secretary"},
	"spokeswoman":  {"spokeswoman", "spokesperson", "press secretary"},
	"spokesperson": {"spokesperson", "spokesman", "spokeswoman", "press secretary"},
}

// documentNouns stand for the body that issued them ("the declaration said").
var documentNouns = setOf("statement", "declaration", "communique", "communiqué", "readout",
	"report", "release", "letter", "resolution", "memo", "document", "announcement")

// bodyNouns stand for an organisation already named ("the alliance said").
var bodyNouns = map[string]string{
	"alliance": "Multilateral Organization", "bloc": "Multilateral Organization",
	"group": "Multilateral Organization", "organization": "", "organisation": "",
	"ministry": "Government Agency", "department": "Government Agency",
	"agency": "Government Agency", "command": "Military", "military": "Military",
	"pentagon": "Government Agency", "body": "", "union": "Multilateral Organization",
	"council": "Multilateral Organization", "commission": "Multilateral Organization",
}

// femaleWords in a title show the holder is a woman, for pronoun agreement.
var femaleWords = setOf("spokeswoman", "chairwoman", "congresswoman", "queen", "mrs.", "ms.",
	"princess", "dame", "madam", "madame", "businesswoman", "stateswoman")

// wordClass is a set of the word classes above, looked up once per token so
// that the rules test a bit instead of hashing the word again.
type wordClass uint32

const (
	wStop wordClass = 1 << iota
	wSpeech
	wFiller
	wLocative
	wParticle
	wSuffix
	wMale
	wFemale
	wHeadingSmall
	wModifier // from the gazetteer's title modifiers
	wDropped
	wPortfolio
	wTitleStart // the first word of a title of office
	wFollower   // makes a capital part of a name
	wPlaceStart // may begin a country's name, demonym or capital
	wOrgStart   // may begin an organisation's name
)

func classes() map[string]wordClass {
	m := map[string]wordClass{}
	add := func(set map[string]bool, c wordClass) {
		for w := range set {
			m[w] |= c
		}
	}
	add(stopCaps, wStop)
	add(speechVerbs, wSpeech)
	add(attributionFiller, wFiller)
	add(locatives, wLocative)
	add(nameParticles, wParticle)
	add(nameSuffixes, wSuffix)
	add(malePronouns, wMale)
	add(femalePronouns, wFemale)
	add(headingSmall, wHeadingSmall)
	add(droppedModifiers, wDropped)
	add(portfolio, wPortfolio)
	return m
}
