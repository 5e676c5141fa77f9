//! Tests of the taxonomy data, lookup, matching and certifications, and one against the skill
//! keywords of the resume corpus.

use std::collections::HashMap;
use std::path::PathBuf;

use super::keys::key;
use super::{Taxonomy, Tech, load};

fn taxonomy() -> &'static Taxonomy {
    Taxonomy::builtin()
}

fn resolved(raw: &str) -> Option<&'static str> {
    taxonomy().lookup(raw).map(|tech| tech.name.as_str())
}

fn tech(name: &str) -> &'static Tech {
    match taxonomy().lookup(name) {
        Some(tech) if tech.name == name => tech,
        other => panic!("{name:?} resolves to {other:?}"),
    }
}

/// The mentions find() reports, as (name, matched text).
fn found(text: &str) -> Vec<(&'static str, String)> {
    taxonomy().find(text).into_iter().map(|m| (m.tech.name.as_str(), text[m.start..m.end].to_string())).collect()
}

fn found_names(text: &str) -> Vec<&'static str> {
    found(text).into_iter().map(|(name, _)| name).collect()
}

fn certs(text: &str) -> Vec<&'static str> {
    taxonomy().certifications(text).into_iter().map(|cert| cert.name.as_str()).collect()
}

#[test]
fn builtin_data_has_no_problems() {
    let (_, problems) = load::build(load::BUILTIN, Vec::new());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn taxonomy_has_at_least_600_technologies() {
    assert!(taxonomy().len() >= 600, "only {}", taxonomy().len());
    assert!(!taxonomy().is_empty());
}

#[test]
fn no_alias_belongs_to_two_technologies() {
    let mut owners: HashMap<String, &str> = HashMap::new();
    for tech in taxonomy().techs() {
        for term in std::iter::once(&tech.name).chain(&tech.aliases) {
            if let Some(other) = owners.insert(key(term), &tech.name) {
                assert_eq!(other, tech.name, "{term:?} belongs to {other} and {}", tech.name);
            }
        }
    }
}

#[test]
fn every_implication_names_an_existing_technology() {
    for tech in taxonomy().techs() {
        for target in &tech.implies {
            let resolved = taxonomy().lookup(target).map(|t| t.name.as_str());
            assert_eq!(resolved, Some(target.as_str()), "{} implies {target:?}", tech.name);
        }
    }
}

#[test]
fn every_category_is_a_known_one() {
    for tech in taxonomy().techs() {
        assert!(super::CATEGORIES.contains(&tech.category.as_str()), "{tech:?}");
    }
}

#[test]
fn aliases_and_spelling_variants_resolve_to_the_canonical_name() {
    let cases = [
        ("Postgres", "PostgreSQL"),
        ("psql", "PostgreSQL"),
        ("PostgresSQL", "PostgreSQL"),
        ("postgres", "PostgreSQL"),
        ("DRF", "Django REST Framework"),
        ("k8s", "Kubernetes"),
        ("Kubernetes (K8s)", "Kubernetes"),
        ("GH Actions", "GitHub Actions"),
        ("Github actions", "GitHub Actions"),
        ("golang", "Go"),
        ("go", "Go"),
        ("JS", "JavaScript"),
        ("Javascript", "JavaScript"),
        ("ReactJS", "React"),
        ("React.js", "React"),
        ("Node", "Node.js"),
        ("NodeJS", "Node.js"),
        ("nodeJs", "Node.js"),
        ("Node.JS", "Node.js"),
        ("Spring boot", "Spring Boot"),
        ("SpringBoot", "Spring Boot"),
        ("React-Native", "React Native"),
        ("MSSQL", "Microsoft SQL Server"),
        ("C#", "C#"),
        ("c++", "C++"),
        ("bash", "Bash"),
        ("make", "Make"),
        ("Makefile", "Makefile"),
        ("terraform", "Terraform"),
        ("AWS", "Amazon Web Services"),
        ("GCP", "Google Cloud"),
        ("CI/CD", "CI/CD"),
        ("CICD", "CI/CD"),
        ("TDD", "Test-driven development"),
    ];
    for (raw, expected) in cases {
        assert_eq!(resolved(raw), Some(expected), "{raw:?}");
    }
}

#[test]
fn versions_notes_and_qualifiers_are_ignored_by_lookup() {
    let cases = [
        ("Laravel 5.*", "Laravel"),
        ("PHP 5.4+", "PHP"),
        ("Angular 2+", "Angular"),
        ("Nuxt 3", "Nuxt"),
        ("SQL Server 2005,2008,2012", "Microsoft SQL Server"),
        ("Python 3 - preferred", "Python"),
        ("Ruby (basics)", "Ruby"),
        ("Docker (изучаю)", "Docker"),
        ("Powershell scripting", "PowerShell"),
        ("Stripe API", "Stripe"),
        ("Lean 4", "Lean 4"),
        ("Lean", "Lean"),
    ];
    for (raw, expected) in cases {
        assert_eq!(resolved(raw), Some(expected), "{raw:?}");
    }
}

#[test]
fn words_that_are_not_technologies_do_not_resolve() {
    for raw in ["", "   ", "Teamführung", "1 Projekt", "aktuell im Einsatz", "Mentoring", "Inc"] {
        assert_eq!(resolved(raw), None, "{raw:?}");
    }
    assert_eq!(resolved(&"Python ".repeat(100)), None);
}

#[test]
fn implications_are_followed_transitively() {
    let implied =
        |name: &str| -> Vec<&str> { taxonomy().implied(tech(name)).into_iter().map(|t| t.name.as_str()).collect() };
    assert_eq!(implied("Django REST Framework"), ["Django", "Python"]);
    assert_eq!(implied("Spring Boot"), ["Spring", "Java"]);
    assert_eq!(implied("Laravel"), ["PHP"]);
    assert_eq!(implied("Symfony"), ["PHP"]);
    assert_eq!(implied("Ruby on Rails"), ["Ruby"]);
    assert_eq!(implied("Flask"), ["Python"]);
    assert_eq!(implied("FastAPI"), ["Python"]);
    assert_eq!(implied("Next.js"), ["React", "JavaScript"]);
    assert!(implied("Amazon EKS").contains(&"Kubernetes"));
    assert!(implied("Python").is_empty());
}

#[test]
fn implied_of_a_tech_from_elsewhere_is_empty() {
    let stranger = Tech {
        name: "Not a technology".into(),
        category: "tool".into(),
        aliases: Vec::new(),
        implies: vec!["Python".into()],
    };
    assert!(taxonomy().implied(&stranger).is_empty());
}

#[test]
fn go_the_language_is_found_but_not_the_verb() {
    let text = "we go to Go meetups";
    let matches = taxonomy().find(text);
    assert_eq!(matches.len(), 1, "{matches:?}");
    assert_eq!(matches[0].tech.name, "Go");
    assert_eq!((matches[0].start, matches[0].end), (9, 11));
    assert!(found_names("Go to the settings page. Go-to-market plans.").is_empty());
    assert_eq!(found_names("Backend services in Go, Golang and Go language"), ["Go", "Go", "Go"]);
}

#[test]
fn c_cpp_and_csharp_are_told_apart() {
    assert_eq!(found("C/C++ and C#"), [("C", "C".into()), ("C++", "C++".into()), ("C#", "C#".into())]);
    assert_eq!(found_names("Languages: C, F#, R and Objective-C."), ["C", "F#", "R", "Objective-C"]);
    assert_eq!(found_names("Proficient in C."), ["C"]);
    assert_eq!(found_names("C and R, R/C, C and C++"), ["C", "R", "R", "C", "C", "C++"]);
}

#[test]
fn a_letter_that_is_a_label_is_not_a_language() {
    for text in [
        "Joined a Series C startup",
        "Presented to C-level executives and the C-suite",
        "Charged over USB-C",
        "R&D team, John C. Smith, Plan B and plan C",
        "Saved to C:\\temp",
        "E D U C AT I O N and AWA R D S",
        "Main St. C, a book by Robert C. Martin",
        "weighting curves (A/C/K)",
        "Series B and C funding; grades A, B, C",
        "c and r in lower case",
    ] {
        assert!(found_names(text).is_empty(), "{text:?}: {:?}", found(text));
    }
}

#[test]
fn names_with_symbols_match_literally() {
    assert_eq!(
        found_names(".NET 8, ASP.NET Core, Node.js, VB.NET and C++17"),
        [".NET", "ASP.NET Core", "Node.js", "VB.NET", "C++"]
    );
}

#[test]
fn the_longest_name_wins() {
    assert_eq!(
        found_names("Spring Boot, Ruby on Rails, Apache Kafka, React Native and Google Cloud Storage"),
        ["Spring Boot", "Ruby on Rails", "Apache Kafka", "React Native", "Google Cloud Storage"]
    );
}

#[test]
fn word_boundaries_are_respected() {
    assert!(found_names("Reactive Javanese gopher scalable rusty").is_empty());
    assert_eq!(found_names("Java, Python; Rust."), ["Java", "Python", "Rust"]);
}

#[test]
fn ordinary_words_are_not_technologies() {
    for text in [
        "Chef de projet technique",
        "Offices in Hong Kong",
        "Spring 2019 semester",
        "Make sure the rest of the team can react quickly",
        "Fluent in English",
        "Processing and Reason: see go.dev",
    ] {
        assert!(found_names(text).is_empty(), "{text:?}: {:?}", found(text));
    }
    assert_eq!(found_names("Chef, Puppet and Salt"), ["Chef", "Puppet", "SaltStack"]);
}

#[test]
fn mentions_in_urls_and_email_addresses_are_ignored() {
    assert!(found_names("https://github.com/someone/react-app www.python.org me@golang.dev").is_empty());
    let long_url = format!("https://example.com/{}/react", "a".repeat(300));
    assert!(found_names(&long_url).is_empty());
    assert_eq!(found_names("Python (see https://example.com)"), ["Python"]);
}

#[test]
fn byte_offsets_point_at_the_mention_in_non_ascii_text() {
    let text = "Développeur Python à Zürich — Kubernetes";
    let names = found(text);
    assert_eq!(names, [("Python", "Python".into()), ("Kubernetes", "Kubernetes".into())]);
}

#[test]
fn hostile_text_is_handled() {
    let long_word = "C".repeat(100_000);
    assert!(taxonomy().find(&long_word).is_empty());
    assert_eq!(taxonomy().find(&"Rust, ".repeat(50_000)).len(), 50_000);
    assert_eq!(taxonomy().find(&"C/".repeat(50_000)).len(), 50_000);
    assert!(taxonomy().find(&"A/C/".repeat(25_000)).is_empty());
    assert!(taxonomy().find("").is_empty());
    assert!(taxonomy().certifications(&"CKA".repeat(10_000)).is_empty());
}

#[test]
fn certifications_are_recognised_in_their_common_written_forms() {
    let cases = [
        ("AWS Certified Developer – Associate", "AWS Certified Developer – Associate"),
        ("AWS Certified Developer - Associate (2023)", "AWS Certified Developer – Associate"),
        ("AWS CDA", "AWS Certified Developer – Associate"),
        ("AWS Certified Solutions Architect – Associate", "AWS Certified Solutions Architect – Associate"),
        ("AWS Certified Solutions Architect - Professional", "AWS Certified Solutions Architect – Professional"),
        ("AWS SysOps", "AWS Certified SysOps Administrator – Associate"),
        ("AWS Certified DevOps Engineer – Professional", "AWS Certified DevOps Engineer – Professional"),
        ("Google Cloud Certified - Professional Cloud Developer", "Google Professional Cloud Developer"),
        ("GCP Professional Cloud Architect", "Google Professional Cloud Architect"),
        ("Professional Cloud DevOps Engineer", "Google Professional Cloud DevOps Engineer"),
        ("Google Cloud Professional Data Engineer", "Google Professional Data Engineer"),
        ("Microsoft Certified: Azure Fundamentals", "Microsoft Certified: Azure Fundamentals (AZ-900)"),
        ("AZ-104", "Microsoft Certified: Azure Administrator Associate (AZ-104)"),
        ("AZ204", "Microsoft Certified: Azure Developer Associate (AZ-204)"),
        ("AZ 400", "Microsoft Certified: DevOps Engineer Expert (AZ-400)"),
        ("AZ-305", "Microsoft Certified: Azure Solutions Architect Expert (AZ-305)"),
        ("Certified Kubernetes Administrator", "Certified Kubernetes Administrator (CKA)"),
        ("CKAD", "Certified Kubernetes Application Developer (CKAD)"),
        ("CKS", "Certified Kubernetes Security Specialist (CKS)"),
        ("HashiCorp Certified: Terraform Associate (003)", "HashiCorp Certified: Terraform Associate"),
        ("PCAP – Certified Associate in Python Programming", "PCAP – Certified Associate in Python Programming"),
        ("PCPP1", "PCPP1 – Certified Professional in Python Programming 1"),
        ("CISSP", "CISSP"),
        ("CompTIA Security+", "CompTIA Security+"),
        ("Certified Ethical Hacker", "Certified Ethical Hacker (CEH)"),
        ("OSCP", "OSCP"),
        ("Oracle Certified Professional, Java SE 11 Developer", "Oracle Certified Professional (OCP)"),
        (
            "Oracle Certified Professional, MySQL Database Administrator",
            "MySQL Database Administrator (Oracle Certified Professional)",
        ),
        ("MongoDB Certified Developer Associate", "MongoDB Certified Developer Associate"),
        ("MongoDB Certified DBA", "MongoDB Certified DBA Associate"),
        ("EDB PostgreSQL Associate", "EDB Certified Associate – PostgreSQL"),
        ("PSM I", "Professional Scrum Master (PSM)"),
        ("Certified ScrumMaster (CSM)", "Certified ScrumMaster (CSM)"),
        ("PMP", "Project Management Professional (PMP)"),
        ("ITIL v4 Foundation", "ITIL Foundation"),
    ];
    for (text, expected) in cases {
        assert_eq!(certs(text), [expected], "{text:?}");
    }
}

#[test]
fn certifications_are_listed_once_in_order_of_mention() {
    let text = "Certifications\nCKA (2021), CKAD (2022)\nCertified Kubernetes Administrator, renewed 2024";
    assert_eq!(
        certs(text),
        ["Certified Kubernetes Administrator (CKA)", "Certified Kubernetes Application Developer (CKAD)"]
    );
}

#[test]
fn acronyms_in_other_senses_are_not_certifications() {
    for text in [
        "analysed pcap files with tcpdump",
        "security is everyone's job",
        "the cka and ckad labs",
        "AWS Certified Solutions Architecture review",
    ] {
        assert!(certs(text).is_empty(), "{text:?}: {:?}", certs(text));
    }
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("HIRED_CORPUS_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/work/shared/corpus"))
}

/// Every distinct skills[].keywords entry of the corpus's JSON Resume files, with its count.
fn corpus_keywords() -> HashMap<String, usize> {
    let dir = corpus_dir().join("resumes/json");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("corpus not found at {} ({error}); set HIRED_CORPUS_DIR", dir.display()));
    let mut counts: HashMap<String, usize> = HashMap::new();
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let skills = json.get("skills").and_then(|s| s.as_array()).into_iter().flatten();
        for keyword in skills
            .filter_map(|skill| skill.get("keywords")?.as_array())
            .flatten()
            .filter_map(|keyword| keyword.as_str())
        {
            *counts.entry(keyword.trim().to_string()).or_default() += 1;
        }
    }
    counts
}

#[test]
fn common_corpus_skill_keywords_resolve() {
    // Keywords used twice or more in the corpus that are not technologies: German "years and
    // months" summaries, soft skills and areas of work.
    let not_technologies = [
        "1 Projekt",
        "aktuell im Einsatz",
        "Desarrollo Web",
        "Backend",
        "Control de versiones",
        "Colaboracion",
        "Mentoring",
        "Automatizacion",
        "Fronted",
        "Automation",
        "Adaptability",
        "CLI",
        "Sistema Operativo",
        "Servidores",
        "Empathy",
        "BIAN",
        "C/C++",
        "Javascript / Typescript",
        "",
    ];
    let keywords = corpus_keywords();
    assert!(keywords.len() > 500, "only {} keywords read", keywords.len());
    let missing: Vec<&str> = keywords
        .iter()
        .filter(|(keyword, count)| **count >= 2 && !not_technologies.contains(&keyword.as_str()))
        .map(|(keyword, _)| keyword.as_str())
        .filter(|keyword| !keyword.starts_with(|c: char| c.is_ascii_digit()) && !keyword.starts_with("zuletzt"))
        .filter(|keyword| taxonomy().lookup(keyword).is_none())
        .collect();
    assert!(missing.is_empty(), "not resolved: {missing:?}");
}
