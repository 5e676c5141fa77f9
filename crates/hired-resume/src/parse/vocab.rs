//! Words that tell a job title from an employer, a degree from a school and a place from
//! either, in English, French, Spanish, German, Portuguese and Italian. Entries are folded
//! (lower-case, no accents).

use super::places;
use super::text::{fold, words};

/// Words that make a line read as a job title.
#[rustfmt::skip]
const TITLE_WORDS: &[&str] = &[
    "engineer", "developer", "developper", "dev", "programmer", "architect", "manager", "lead",
    "leader", "head", "director", "consultant", "intern", "internship", "trainee", "apprentice", "analyst",
    "scientist", "administrator", "admin", "specialist", "founder", "co-founder", "cofounder", "cto", "ceo", "cio",
    "cfo", "coo", "vp", "president", "officer", "owner", "designer", "researcher", "assistant", "associate", "tester",
    "qa", "sre", "devops", "freelance", "freelancer", "contractor", "teacher", "lecturer", "instructor", "professor",
    "tutor", "coach", "student", "fellow", "technician", "expert", "evangelist", "advocate", "staff", "principal",
    "senior", "junior", "sr", "jr", "chief", "editor", "writer", "mentor", "maintainer", "contributor", "programmeur",
    "ingenieur", "developpeur", "developpeuse", "chef", "responsable", "stagiaire", "alternant", "apprenti",
    "directeur", "directrice", "architecte", "formateur", "formatrice", "enseignant", "chercheur", "technicien",
    "gerant", "fondateur", "co-fondateur", "administrateur", "concepteur", "analyste", "ingeniero", "ingeniera",
    "desarrollador", "desarrolladora", "programador", "programadora", "jefe", "gerente", "analista", "consultor",
    "consultora", "arquitecto", "becario", "practicante", "pasante", "fundador", "co-fundador", "cofundador",
    "profesor", "tecnico", "lider", "disenador", "investigador", "auxiliar", "entwickler", "softwareentwickler",
    "berater", "leiter", "werkstudent", "praktikant", "auszubildender", "mitarbeiter", "geschaftsfuhrer", "grunder",
    "architekt", "hilfskraft", "teamleiter", "desenvolvedor", "desenvolvedora", "engenheiro", "engenheira",
    "estagiario", "estagiaria", "arquiteto", "coordenador", "assessor", "sviluppatore", "ingegnere", "tirocinante",
    "stagista", "fullstack", "full-stack", "backend", "back-end", "frontend", "front-end", "webmaster", "scrum", "po",
    "product", "pentester", "agent", "worker", "member", "partner", "commissioner", "volunteer", "benevole",
    "voluntario", "sabbatical", "programme", "program", "operator", "mechanic", "mathematician", "physicist",
    "chemist", "accountant", "clerk", "artist", "journalist", "lawyer", "attorney", "farmer", "artificer", "nurse",
    "driver", "salesman", "representative", "secretary", "receptionist", "cashier", "waiter", "research",
];

/// Endings of German compound titles ("Softwareentwickler", "Projektleiter").
const TITLE_SUFFIXES: &[&str] =
    &["entwickler", "ingenieur", "leiter", "berater", "architekt", "manager", "developer", "engineer", "administrator"];

/// Words that make a line read as an organisation.
#[rustfmt::skip]
const EMPLOYER_WORDS: &[&str] = &[
    "inc", "ltd", "llc", "gmbh", "ag", "sa", "sas", "sarl", "srl", "bv", "plc", "corp", "co", "kg", "oy", "ab", "spa",
    "ltda", "pty", "pte", "limited", "corporation", "company", "group", "groupe", "grupo", "gruppe", "university",
    "universidad", "universite", "universitat", "universidade", "universita", "school", "college", "institute",
    "institut", "instituto", "bank", "banque", "banco", "labs", "lab", "technologies", "solutions", "systems",
    "consulting", "agency", "studio", "studios", "ministry", "ministere", "foundation", "association", "hospital",
    "s.a", "s.l", "l.p", "media", "digital", "services", "software", "telecom", "telecommunications", "capital",
    "partners", "ventures", "holding", "networks", "interactive", "games", "health", "financial", "insurance", "e.v",
    "verein", "fondation", "fundacion", "prefeitura",
];

/// Words that say where a job was rather than who or what it was.
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "remote", "remoto", "remota", "teletravail", "hybrid", "hybride", "hibrido", "on-site", "onsite", "presencial",
    "homeoffice", "distanciel", "full-remote", "fully remote",
];

/// How strongly `text` reads as a job title: 0 for not at all.
pub(crate) fn title_score(text: &str) -> i32 {
    let ws = words(text);
    let mut score = 0;
    for w in &ws {
        if TITLE_WORDS.contains(&w.as_str()) || TITLE_SUFFIXES.iter().any(|s| w.len() > s.len() && w.ends_with(s)) {
            score += 2;
        }
    }
    score.min(6)
}

/// How strongly `text` reads as an organisation's name: 0 for not at all.
pub(crate) fn employer_score(text: &str) -> i32 {
    let folded = fold(text);
    let ws: Vec<&str> =
        folded.split(|c: char| !c.is_alphanumeric() && c != '.').map(|w| w.trim_end_matches('.')).collect();
    let mut score = ws.iter().filter(|w| EMPLOYER_WORDS.contains(w)).count() as i32;
    if text.chars().any(|c| c.is_ascii_digit()) && text.split_whitespace().count() <= 3 {
        score += 1;
    }
    score.min(4)
}

/// Whether `text` is written like a name: most of its words (other than short linking words)
/// start with a capital or a digit. "Optimisation des campagnes publicitaires" is not.
pub(crate) fn is_name_like(text: &str) -> bool {
    const LINKS: &[&str] = &[
        "de", "la", "le", "les", "des", "du", "of", "the", "and", "et", "y", "e", "da", "do", "dos", "das", "von",
        "der", "fur", "for", "a", "an", "in", "en", "i", "di", "del", "&", "-", "/", "|", "at", "und", "zu",
    ];
    let words: Vec<&str> = text.split_whitespace().filter(|w| !LINKS.contains(&fold(w).as_str())).collect();
    if words.len() <= 2 {
        return true;
    }
    let capital = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_lowercase())
        })
        .count();
    capital * 2 >= words.len()
}

/// Whether `text` names a place: "Remote", "Paris", "Jülich (Hybrid)", "Paris - Télétravail",
/// "Seattle, WA", "Luxembourg".
pub(crate) fn is_place(text: &str) -> bool {
    if title_score(text) > 0 {
        return false;
    }
    let folded = fold(text);
    if PLACE_WORDS.iter().any(|w| folded.split(|c: char| !c.is_alphanumeric() && c != '-').any(|x| x == *w)) {
        return true;
    }
    if text.len() > 60 {
        return false;
    }
    if super::contact::parse_location(text).is_some() {
        return true;
    }
    let head = text.split(['(', ',', '/', '&']).next().unwrap_or(text);
    let head = head.split(" - ").next().unwrap_or(head).trim();
    places::is_city(head) || places::country(head).is_some_and(|_| head.chars().count() > 2)
}

/// Words naming a degree ("Bachelor", "Master", "Licence", "Diplom", "Grado").
#[rustfmt::skip]
const DEGREE_WORDS: &[&str] = &[
    "bachelor", "bachelors", "bachelor's", "master", "masters", "master's", "msc", "m.sc", "bsc", "b.sc", "ba", "b.a",
    "ma", "m.a", "mba", "phd", "ph.d", "doctorate", "diploma", "degree", "beng", "b.eng",
    "meng", "m.eng", "bs", "ms", "b.s", "m.s", "btech", "b.tech", "mtech", "m.tech", "hnd", "certificate", "licence",
    "licenciatura", "licenciado", "license", "maitrise", "mastere", "doctorat", "dut", "bts", "deug", "dea", "dess",
    "diplome", "baccalaureat", "bac", "grado", "graduado", "titulo", "superior", "doctorado",
    "maestria", "bacharelado", "bacharel", "mestrado", "doutorado", "tecnologo", "especializacao", "pos-graduacao",
    "diplom", "abitur", "staatsexamen", "magister", "promotion", "ausbildung", "laurea", "dottorato",
    "engineering degree", "cfc", "vet", "high school", "a-levels", "gcse", "undergraduate", "postgraduate",
    "graduate", "formation", "training", "course", "curso", "weiterbildung", "schulung",
];

/// Words naming a school.
#[rustfmt::skip]
const SCHOOL_WORDS: &[&str] = &[
    "university", "universidad", "universite", "universitat", "universidade", "universita", "univ", "college",
    "school", "ecole", "escuela", "schule", "escola", "institute", "institut", "instituto", "istituto", "academy",
    "academie", "academia", "akademie", "polytechnic", "polytechnique", "politecnico", "hochschule", "fachhochschule",
    "fh", "tu", "eth", "epfl", "iut", "lycee", "liceo", "gymnasium", "faculty", "faculte", "facultad", "faculdade",
    "campus", "conservatoire", "seminary", "bootcamp", "openclassrooms", "coursera", "udemy", "udacity", "epitech",
    "insa", "supinfo", "cnam", "mit", "ucla", "unam", "usp", "unicamp",
];

/// Whether `text` names a degree.
pub(crate) fn is_degree(text: &str) -> bool {
    let f = fold(text);
    let ws: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '-')
        .map(|w| w.trim_end_matches('.'))
        .collect();
    ws.iter().any(|w| DEGREE_WORDS.contains(w)) || f.contains("high school") || f.contains("engineering degree")
}

/// Whether `text` names a school.
pub(crate) fn is_school(text: &str) -> bool {
    let f = fold(text);
    f.split(|c: char| !c.is_alphanumeric()).any(|w| SCHOOL_WORDS.contains(&w))
        || f.contains("hochschule")
        || f.contains("universit")
}

/// Labels that start the body of an entry ("Highlights", "Courses", "Missions").
pub(crate) fn is_body_label(text: &str) -> bool {
    matches!(
        fold(text.trim_end_matches(':').trim()).as_str(),
        "highlights"
            | "courses"
            | "summary"
            | "responsibilities"
            | "achievements"
            | "keywords"
            | "missions"
            | "taches"
            | "realisations"
            | "logros"
            | "aufgaben"
            | "tatigkeiten"
            | "responsabilidades"
            | "conquistas"
            | "cursos"
            | "cours"
            | "kurse"
            | "technologies"
            | "stack"
            | "tech stack"
            | "environnement technique"
            | "outils"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_five_languages_read_as_titles() {
        for t in [
            "Senior Software Engineer",
            "Développeur PHP/Symfony",
            "Desarrollador Backend",
            "Softwareentwickler",
            "Desenvolvedor Web Full Stack Sênior",
            "Wissenschaftlicher Mitarbeiter",
            "CTO",
        ] {
            assert!(title_score(t) > 0, "{t}");
        }
        for e in ["Teravision Technologies", "Academic Work SA", "Cinch Financial", "Lausanne"] {
            assert_eq!(title_score(e), 0, "{e}");
        }
    }

    #[test]
    fn employers_and_places_are_recognised() {
        assert!(employer_score("Nara Logics, Inc") > 0);
        assert!(employer_score("FH Aachen University of Applied Sciences") > 0);
        assert!(is_place("Remote"));
        assert!(is_place("Jülich (Hybrid)"));
        assert!(is_place("Paris - Télétravail"));
        assert!(is_place("Seattle, WA"));
        assert!(is_place("Lausanne"));
        assert!(!is_place("Injective"));
    }

    #[test]
    fn degrees_schools_and_labels() {
        assert!(is_degree("Master's Degree"));
        assert!(is_degree("Licence Informatique"));
        assert!(is_degree("Grado en Ingeniería Informática"));
        assert!(is_degree("Bacharelado em Ciência da Computação"));
        assert!(is_school("Université de Strasbourg"));
        assert!(is_school("FH Aachen University of Applied Sciences"));
        assert!(!is_school("Acme Corp"));
        assert!(is_body_label("Highlights"));
        assert!(!is_body_label("Built things"));
    }
}
