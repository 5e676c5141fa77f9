//! Countries as resumes name them (ISO code or name in the main European languages), with the
//! calling code and national trunk prefix needed to write a phone number in E.164, and the
//! US states and Canadian provinces that stand in for a country.

use super::text::fold;

/// One country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// International calling code, without "+".
    pub calling: &'static str,
    /// The prefix dialled before national numbers, dropped in E.164 ("0" in France).
    pub trunk: &'static str,
    names: &'static [&'static str],
}

const fn c(code: &'static str, calling: &'static str, trunk: &'static str, names: &'static [&'static str]) -> Country {
    Country { code, calling, trunk, names }
}

/// Names are folded (lower-case, no accents).
#[rustfmt::skip]
const COUNTRIES: &[Country] = &[
    c("US", "1", "1", &["usa", "united states", "united states of america", "u.s.a", "u.s", "etats-unis", "estados unidos", "vereinigte staaten", "eeuu", "eua"]),
    c("CA", "1", "1", &["canada", "kanada"]),
    c("GB", "44", "0", &["uk", "united kingdom", "great britain", "england", "scotland", "wales", "royaume-uni", "reino unido", "vereinigtes konigreich", "grossbritannien"]),
    c("IE", "353", "0", &["ireland", "irlande", "irlanda", "irland"]),
    c("FR", "33", "0", &["france", "frankreich", "francia", "franca"]),
    c("DE", "49", "0", &["germany", "deutschland", "allemagne", "alemania", "alemanha", "germania"]),
    c("AT", "43", "0", &["austria", "osterreich", "autriche"]),
    c("CH", "41", "0", &["switzerland", "schweiz", "suisse", "suiza", "suica", "svizzera"]),
    c("BE", "32", "0", &["belgium", "belgique", "belgien", "belgica", "belgie"]),
    c("NL", "31", "0", &["netherlands", "nederland", "pays-bas", "paises bajos", "niederlande", "holanda", "holland"]),
    c("LU", "352", "", &["luxembourg", "luxemburg", "luxemburgo"]),
    c("ES", "34", "", &["spain", "espana", "espagne", "spanien", "espanha", "spagna"]),
    c("PT", "351", "", &["portugal"]),
    c("IT", "39", "", &["italy", "italia", "italie", "italien", "italia"]),
    c("GR", "30", "", &["greece", "grece", "grecia", "griechenland"]),
    c("DK", "45", "", &["denmark", "danemark", "dinamarca", "danmark", "danemark"]),
    c("NO", "47", "", &["norway", "norge", "norvege", "noruega", "norwegen"]),
    c("SE", "46", "0", &["sweden", "sverige", "suede", "suecia", "schweden"]),
    c("FI", "358", "0", &["finland", "suomi", "finlande", "finlandia", "finnland"]),
    c("IS", "354", "", &["iceland", "island", "islande", "islandia"]),
    c("PL", "48", "", &["poland", "polska", "pologne", "polonia", "polen"]),
    c("CZ", "420", "", &["czech republic", "czechia", "tchequie", "republica checa", "tschechien"]),
    c("SK", "421", "0", &["slovakia", "slovaquie", "eslovaquia", "slowakei"]),
    c("HU", "36", "06", &["hungary", "hongrie", "hungria", "ungarn"]),
    c("RO", "40", "0", &["romania", "roumanie", "rumania", "rumanien"]),
    c("BG", "359", "0", &["bulgaria", "bulgarie", "bulgarien"]),
    c("HR", "385", "0", &["croatia", "croatie", "croacia", "kroatien", "hrvatska"]),
    c("SI", "386", "0", &["slovenia", "slovenie", "eslovenia", "slowenien"]),
    c("RS", "381", "0", &["serbia", "serbie", "serbien"]),
    c("BA", "387", "0", &["bosnia and herzegovina", "bosnia", "bosnie-herzegovine", "bosnien und herzegowina"]),
    c("EE", "372", "", &["estonia", "estonie", "estland"]),
    c("LV", "371", "", &["latvia", "lettonie", "letonia", "lettland"]),
    c("LT", "370", "8", &["lithuania", "lituanie", "lituania", "litauen"]),
    c("UA", "380", "0", &["ukraine", "ucrania", "ukraina"]),
    c("BY", "375", "8", &["belarus", "bielorussie", "bielorrusia", "weissrussland"]),
    c("RU", "7", "8", &["russia", "russie", "rusia", "russland", "russian federation", "россия"]),
    c("TR", "90", "0", &["turkey", "turkiye", "turquie", "turquia", "turkei"]),
    c("IL", "972", "0", &["israel"]),
    c("MT", "356", "", &["malta", "malte"]),
    c("CY", "357", "", &["cyprus", "chypre", "chipre", "zypern"]),
    c("MA", "212", "0", &["morocco", "maroc", "marruecos", "marokko"]),
    c("DZ", "213", "0", &["algeria", "algerie", "argelia", "algerien"]),
    c("TN", "216", "", &["tunisia", "tunisie", "tunez", "tunesien"]),
    c("EG", "20", "0", &["egypt", "egypte", "egipto", "agypten"]),
    c("ZA", "27", "0", &["south africa", "afrique du sud", "sudafrica", "sudafrika"]),
    c("NG", "234", "0", &["nigeria"]),
    c("KE", "254", "0", &["kenya", "kenia"]),
    c("SN", "221", "", &["senegal"]),
    c("IN", "91", "0", &["india", "inde", "indien"]),
    c("PK", "92", "0", &["pakistan"]),
    c("BD", "880", "0", &["bangladesh"]),
    c("CN", "86", "0", &["china", "chine", "中国"]),
    c("HK", "852", "", &["hong kong"]),
    c("TW", "886", "0", &["taiwan"]),
    c("JP", "81", "0", &["japan", "japon", "japao"]),
    c("KR", "82", "0", &["south korea", "korea", "coree du sud", "corea del sur", "sudkorea"]),
    c("SG", "65", "", &["singapore", "singapour", "singapur"]),
    c("MY", "60", "0", &["malaysia", "malaisie", "malasia"]),
    c("TH", "66", "0", &["thailand", "thailande", "tailandia"]),
    c("VN", "84", "0", &["vietnam", "viet nam"]),
    c("PH", "63", "0", &["philippines", "filipinas", "philippinen"]),
    c("ID", "62", "0", &["indonesia", "indonesie", "indonesien"]),
    c("AU", "61", "0", &["australia", "australie", "australien"]),
    c("NZ", "64", "0", &["new zealand", "nouvelle-zelande", "nueva zelanda", "neuseeland"]),
    c("MX", "52", "", &["mexico", "mexique", "mexiko"]),
    c("BR", "55", "0", &["brazil", "brasil", "bresil", "brasilien"]),
    c("AR", "54", "0", &["argentina", "argentine", "argentinien"]),
    c("CL", "56", "", &["chile", "chili"]),
    c("CO", "57", "", &["colombia", "colombie", "kolumbien"]),
    c("PE", "51", "0", &["peru", "perou"]),
    c("VE", "58", "0", &["venezuela"]),
    c("EC", "593", "0", &["ecuador", "equateur"]),
    c("UY", "598", "0", &["uruguay"]),
    c("CR", "506", "", &["costa rica"]),
    c("CU", "53", "0", &["cuba", "kuba"]),
    c("AE", "971", "0", &["united arab emirates", "uae", "emirats arabes unis", "emiratos arabes unidos"]),
    c("SA", "966", "0", &["saudi arabia", "arabie saoudite", "arabia saudita"]),
];

const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
    "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
    "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
];

#[rustfmt::skip]
const US_STATE_NAMES: &[&str] = &[
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland",
    "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
    "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
    "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
];

#[rustfmt::skip]
const CA_PROVINCES: &[&str] = &[
    "ontario", "quebec", "british columbia", "alberta", "manitoba", "saskatchewan", "nova scotia", "new brunswick",
    "on", "qc", "bc", "ab", "mb", "sk", "ns", "nb",
];

/// Cities that resumes often give as a place of work, folded. Not a gazetteer: enough to tell
/// "Lausanne" under an employer's name from the employer.
#[rustfmt::skip]
const CITIES: &[&str] = &[
    "a coruna", "aachen", "aarhus", "abu dhabi", "abuja", "accra", "addis ababa", "adelaide", "ahmedabad",
    "aix-en-provence", "alexandria", "algiers", "alicante", "amiens", "amman", "amsterdam", "angers", "ankara",
    "annecy", "antwerp", "antwerpen", "anvers", "asuncion", "athens", "atlanta", "auckland", "augsburg", "austin",
    "aveiro", "avignon", "bali", "baltimore", "bandung", "bangalore", "bangkok", "barcelona", "bari", "barranquilla",
    "basel", "bay area", "beijing", "beirut", "belfast", "belgrade", "bellevue", "belo horizonte", "bengaluru",
    "beograd", "bergen", "berkeley", "berlin", "bern", "besancon", "bielefeld", "bilbao", "birmingham", "bochum",
    "bogota", "bologna", "bonn", "bordeaux", "boston", "boulder", "braga", "brasilia", "bratislava", "braunschweig",
    "bremen", "brest", "brisbane", "bristol", "brno", "brooklyn", "brussel", "brussels", "bruxelles", "bucharest",
    "bucuresti", "budapest", "buenos aires", "busan", "cadiz", "caen", "cagliari", "cairo", "calgary", "cali",
    "cambridge", "campinas", "canberra", "cape town", "caracas", "casablanca", "catania", "cdmx", "cebu",
    "chandigarh", "charlotte", "chengdu", "chennai", "chiang mai", "chicago", "chongqing", "christchurch",
    "cincinnati", "ciudad de mexico", "clermont-ferrand", "cleveland", "cluj-napoca", "coimbatore", "coimbra",
    "cologne", "colombo", "columbus", "copenhagen", "cordoba", "cork", "cupertino", "curitiba", "da nang", "dakar",
    "dallas", "darmstadt", "delft", "delhi", "den haag", "denver", "detroit", "dhaka", "dijon", "dnipro", "doha",
    "donostia", "dortmund", "dresden", "dubai", "dublin", "durban", "dusseldorf", "edinburgh", "edmonton",
    "eindhoven", "erlangen", "espoo", "essen", "faro", "firenze", "florence", "florianopolis", "fortaleza",
    "frankfurt", "frankfurt am main", "freiburg", "fukuoka", "funchal", "galway", "gdansk", "geneva", "geneve",
    "genf", "genoa", "genova", "gent", "ghent", "gijon", "girona", "glasgow", "goteborg", "gothenburg", "gottingen",
    "granada", "graz", "grenoble", "groningen", "guadalajara", "guangzhou", "guatemala", "guayaquil", "gurgaon",
    "gurugram", "haifa", "halifax", "hamburg", "hangzhou", "hannover", "hanoi", "havana", "heidelberg", "helsinki",
    "herzliya", "ho chi minh city", "hobart", "hong kong", "houston", "hsinchu", "hyderabad", "iasi", "indianapolis",
    "indore", "innsbruck", "islamabad", "istanbul", "izmir", "jaipur", "jakarta", "jeddah", "jena", "jerusalem",
    "johannesburg", "julich", "kaiserslautern", "kansas city", "karachi", "karlsruhe", "kathmandu", "katowice",
    "kaunas", "kazan", "kharkiv", "kiel", "kiev", "kigali", "kobenhavn", "kochi", "kolkata", "koln", "krakow",
    "kuala lumpur", "kyiv", "kyoto", "la coruna", "la defense", "la paz", "lagos", "lahore", "las palmas",
    "las vegas", "lausanne", "le mans", "leeds", "leiden", "leipzig", "leuven", "liege", "lille", "lima", "limoges",
    "linz", "lisboa", "lisbon", "liverpool", "ljubljana", "lodz", "london", "los angeles", "lucerne", "lucknow",
    "lugano", "luxembourg", "luzern", "lviv", "lyon", "madrid", "magdeburg", "mainz", "makati", "malaga", "malmo",
    "manchester", "manhattan", "manila", "mannheim", "marrakech", "marseille", "medellin", "melbourne", "mendoza",
    "menlo park", "metz", "mexico city", "miami", "milan", "milano", "minneapolis", "minsk", "monterrey",
    "montevideo", "montpellier", "montreal", "moscow", "moskva", "mostar", "mountain view", "mulhouse", "mumbai",
    "munchen", "munich", "munster", "murcia", "nagoya", "nairobi", "namur", "nancy", "nanjing", "nantes", "naples",
    "napoli", "nashville", "new delhi", "new york", "nice", "nicosia", "nimes", "niort", "nizhny novgorod", "noida",
    "novi sad", "novosibirsk", "nuremberg", "nurnberg", "oakland", "odesa", "odessa", "orlando", "orleans", "osaka",
    "oslo", "ottawa", "oulu", "oviedo", "oxford", "padova", "palermo", "palma", "palo alto", "pamplona", "panama",
    "paris", "pau", "penang", "perpignan", "perth", "petach tikva", "petah tikva", "philadelphia", "phoenix", "pisa",
    "pittsburgh", "plovdiv", "podgorica", "poitiers", "portland", "porto", "porto alegre", "potsdam", "poznan",
    "prague", "praha", "pretoria", "puebla", "pune", "quebec", "quito", "rabat", "raleigh", "ramat gan", "recife",
    "redmond", "regensburg", "reims", "rennes", "reykjavik", "riga", "rio de janeiro", "riyadh", "roma", "rome",
    "rosario", "rostock", "rotterdam", "rouen", "saarbrucken", "sacramento", "saint louis", "saint petersburg",
    "saint-petersburg", "salamanca", "salt lake city", "salvador", "salzburg", "san antonio", "san diego",
    "san francisco", "san jose", "san salvador", "san sebastian", "santa cruz de tenerife", "santander", "santiago",
    "santiago de compostela", "santo domingo", "sao paulo", "sarajevo", "seattle", "seoul", "sevilla", "seville",
    "shanghai", "shenzhen", "silicon valley", "singapore", "skopje", "sofia", "somerville", "sophia antipolis",
    "split", "st. gallen", "st. louis", "st. petersburg", "stockholm", "strasbourg", "stuttgart", "sunnyvale",
    "suzhou", "sydney", "taipei", "tallinn", "tampa", "tampere", "tarragona", "tartu", "tel aviv", "tenerife",
    "the hague", "thessaloniki", "tianjin", "tijuana", "timisoara", "tirana", "tokyo", "torino", "toronto", "toulon",
    "toulouse", "tours", "trento", "trieste", "trondheim", "tunis", "turin", "turku", "ulm", "uppsala", "utrecht",
    "valencia", "valladolid", "valletta", "valparaiso", "vancouver", "venezia", "venice", "verona", "vienna", "vigo",
    "vilnius", "vina del mar", "warsaw", "warszawa", "washington", "waterloo", "wellington", "wien", "wiesbaden",
    "winnipeg", "winterthur", "wroclaw", "wuhan", "wurzburg", "xi'an", "yekaterinburg", "yokohama", "zagreb",
    "zaragoza", "zug", "zurich",
];

/// Whether `name` is a well-known city.
pub(crate) fn is_city(name: &str) -> bool {
    let folded = fold(name.trim());
    CITIES.binary_search(&folded.as_str()).is_ok()
}

/// The country a name or ISO code stands for ("Germany", "Deutschland", "DE", "(LU)", "USA").
pub(crate) fn country(name: &str) -> Option<&'static Country> {
    let trimmed = name.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.len() == 2 && trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
        let upper = trimmed.to_ascii_uppercase();
        let upper = if upper == "UK" { "GB".to_string() } else { upper };
        return COUNTRIES.iter().find(|c| c.code == upper);
    }
    let folded = fold(trimmed);
    COUNTRIES.iter().find(|c| c.names.contains(&folded.as_str()))
}

/// The country by its ISO code.
pub(crate) fn by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// The country a region stands for: a US state code or name, or a Canadian province.
pub(crate) fn region_country(region: &str) -> Option<&'static str> {
    let trimmed = region.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.len() == 2 && trimmed.chars().all(|c| c.is_ascii_uppercase()) && US_STATES.contains(&trimmed) {
        return Some("US");
    }
    let folded = fold(trimmed);
    if US_STATE_NAMES.contains(&folded.as_str()) {
        return Some("US");
    }
    CA_PROVINCES.contains(&folded.as_str()).then_some("CA")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_by_code_or_name_in_any_language() {
        assert_eq!(country("DE").map(|c| c.code), Some("DE"));
        assert_eq!(country("(LU)").map(|c| c.code), Some("LU"));
        assert_eq!(country("Deutschland").map(|c| c.code), Some("DE"));
        assert_eq!(country("España").map(|c| c.code), Some("ES"));
        assert_eq!(country("USA").map(|c| c.calling), Some("1"));
        assert_eq!(country("UK").map(|c| c.code), Some("GB"));
        assert_eq!(country("Narnia"), None);
        assert_eq!(by_code("fr").map(|c| c.trunk), Some("0"));
    }

    #[test]
    fn states_and_provinces_stand_for_their_country() {
        assert_eq!(region_country("WA"), Some("US"));
        assert_eq!(region_country("Texas"), Some("US"));
        assert_eq!(region_country("Québec"), Some("CA"));
        assert_eq!(region_country("Bayern"), None);
    }

    #[test]
    fn well_known_cities_are_found_with_or_without_accents() {
        assert!(is_city("München"));
        assert!(is_city("Genève"));
        assert!(is_city("A Coruña"));
        assert!(!is_city("Injective"));
        assert!(CITIES.windows(2).all(|w| w[0] < w[1]), "the city list is sorted for binary search");
    }
}
