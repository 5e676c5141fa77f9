//! Whole resumes, small and hand-written, in the five languages; and hostile text.

use std::time::Instant;

use hired_domain::profile::{LinkKind, PartialDate};

use super::*;

const TODAY: PartialDate = PartialDate { year: 2026, month: Some(6) };

fn parse(text: &str) -> Profile {
    profile_from_text(text, Taxonomy::builtin(), TODAY).profile
}

fn d(year: u16, month: u8) -> Option<PartialDate> {
    PartialDate::new(year, Some(month))
}

#[test]
fn an_english_resume_is_read_field_by_field() {
    let p = parse(
        "JANE Q. DOE\nSenior Backend Engineer\nSeattle, WA · jane.doe@Example.com · (206) 555-0143\nhttps://github.com/janedoe · linkedin.com/in/jane-doe\n\n\
         SUMMARY\nBackend engineer with ten years of Python and Go, building payment systems at scale.\n\n\
         WORK EXPERIENCE\nSenior Software Engineer at Stripe\nMar 2020 – Present\n• Built the ledger service in Go and PostgreSQL\n• Led a team of five\n\n\
         Software Engineer at Amazon\nJun 2016 – Feb 2020\n• Wrote Python services on AWS Lambda\n\n\
         EDUCATION\nUniversity of Washington\nBachelor of Science in Computer Science\n2012 – 2016\n\n\
         SKILLS\nPython, Go, PostgreSQL, Kubernetes, AWS\n\nCERTIFICATIONS\nAWS Certified Developer – Associate, 2021\n\nLANGUAGES\nEnglish (Native), Spanish (B2)\n",
    );
    assert_eq!(p.name.as_deref(), Some("Jane Q. Doe"));
    assert_eq!(p.headline.as_deref(), Some("Senior Backend Engineer"));
    assert_eq!(p.emails, vec!["jane.doe@example.com"]);
    assert_eq!(p.phones, vec!["+12065550143"]);
    let location = p.location.clone().unwrap_or_default();
    assert_eq!((location.city.as_deref(), location.country_code.as_deref()), (Some("Seattle"), Some("US")));
    assert_eq!(p.links[0].kind, LinkKind::GitHub);
    assert_eq!(p.links[0].username.as_deref(), Some("janedoe"));
    assert_eq!(p.links[1].kind, LinkKind::LinkedIn);
    assert_eq!(p.work.len(), 2);
    assert_eq!(p.work[0].title.as_deref(), Some("Senior Software Engineer"));
    assert_eq!(p.work[0].employer.as_deref(), Some("Stripe"));
    assert!(p.work[0].current);
    assert_eq!(p.work[1].start, d(2016, 6));
    assert_eq!(p.work[1].end, d(2020, 2));
    assert_eq!(p.work[0].highlights, vec!["Built the ledger service in Go and PostgreSQL", "Led a team of five"]);
    assert_eq!(p.total_years, Some(10.1));
    assert_eq!(p.education[0].institution.as_deref(), Some("University of Washington"));
    assert_eq!(p.education[0].field.as_deref(), Some("Computer Science"));
    // The listed skills first, then what the rest mentions ("AWS Lambda" in a highlight).
    let skills: Vec<&str> = p.skills.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(skills[..5], ["Python", "Go", "PostgreSQL", "Kubernetes", "Amazon Web Services"]);
    assert!(skills.contains(&"AWS Lambda"));
    let go = p.skills.iter().find(|s| s.name == "Go").and_then(|s| s.years);
    assert_eq!(go, Some(6.3));
    assert_eq!(p.certifications[0].name, "AWS Certified Developer – Associate");
    assert_eq!(p.languages.len(), 2);
    assert!(p.summary.is_some_and(|s| s.starts_with("Backend engineer")));
}

#[test]
fn a_french_resume() {
    let p = parse(
        "Olivier Delattre\nArchitecte logiciel\nolivier@example.fr | 06 12 34 56 78 | Nantes, France\n\nEXPÉRIENCE PROFESSIONNELLE\n\
         Développeur senior, Agicap\t10/2021 – Aujourd'hui\nLyon - Télétravail\nDéveloppement d'API en Kotlin.\n\
         Tech Lead, Convelio\tmars 2020 – sept. 2020\nParis\n\nFORMATION\nDiplôme d'ingénieur en informatique, INSA Rennes\t2007 – 2012\n\n\
         COMPÉTENCES\nKotlin, Symfony, PostgreSQL\n\nLANGUES\nFrançais : langue maternelle\nAnglais : courant\n",
    );
    assert_eq!(p.name.as_deref(), Some("Olivier Delattre"));
    assert_eq!(p.phones, vec!["+33612345678"]);
    assert_eq!(p.work[0].title.as_deref(), Some("Développeur senior"));
    assert_eq!(p.work[0].employer.as_deref(), Some("Agicap"));
    assert!(p.work[0].current);
    assert_eq!(p.work[0].location.as_deref(), Some("Lyon - Télétravail"));
    assert_eq!(p.work[1].start, d(2020, 3));
    assert_eq!(p.work[1].end, d(2020, 9));
    assert_eq!(p.education[0].institution.as_deref(), Some("INSA Rennes"));
    assert_eq!(p.languages[1].language, "Anglais");
    assert!(p.skills.iter().any(|s| s.name == "Symfony"));
}

#[test]
fn a_spanish_resume() {
    let p = parse(
        "Saturnina Córdoba\nDesarrolladora Backend\nsaturnina@example.es · +34 646 966 966 · Madrid, España\n\nEXPERIENCIA LABORAL\n\
         Desarrolladora Backend en Lean Mind S.L.\nenero 2022 – actualidad\nDesarrollo con Kotlin y Spring.\n\n\
         Programadora, System73\t05/2019 – 12/2021\n\nEDUCACIÓN\nGrado en Ingeniería Informática, Universidad de La Laguna\t2014 – 2018\n\n\
         HABILIDADES\nKotlin · Spring · React\n\nIDIOMAS\nEspañol (nativo), Inglés (C1)\n",
    );
    assert_eq!(p.name.as_deref(), Some("Saturnina Córdoba"));
    assert_eq!(p.phones, vec!["+34646966966"]);
    assert_eq!(p.location.and_then(|l| l.country_code).as_deref(), Some("ES"));
    assert_eq!(p.work[0].employer.as_deref(), Some("Lean Mind S.L."));
    assert_eq!(p.work[0].start, d(2022, 1));
    assert!(p.work[0].current);
    assert_eq!(p.work[1].title.as_deref(), Some("Programadora"));
    assert_eq!(p.education[0].degree.as_deref(), Some("Grado"));
    assert_eq!(p.languages[0].fluency.as_deref(), Some("nativo"));
}

#[test]
fn a_german_resume() {
    let p = parse(
        "Hermann Renner\nSoftwareentwickler\nhermann@example.de\nTel.: 0221 1234567\nKöln, Deutschland\n\nBERUFSERFAHRUNG\n\
         Senior-Entwickler\nServiceTrace GmbH\n03/2018 – aktuell\nMannheim\nEntwicklung von Microservices mit Java.\n\n\
         Werkstudent\nSAP SE\n10/2015 – 02/2018\n\nAUSBILDUNG\nKarlsruher Institut für Technologie\nMaster of Science im Informatik\n2013 – 2015\n\n\
         KENNTNISSE\nJava, Spring Boot, Docker\n\nSPRACHEN\nDeutsch Muttersprache\nEnglisch fließend\n",
    );
    assert_eq!(p.phones, vec!["+492211234567"]);
    assert_eq!(p.work[0].title.as_deref(), Some("Senior-Entwickler"));
    assert_eq!(p.work[0].employer.as_deref(), Some("ServiceTrace GmbH"));
    assert!(p.work[0].current);
    assert_eq!(p.work[1].employer.as_deref(), Some("SAP SE"));
    assert_eq!(p.education[0].institution.as_deref(), Some("Karlsruher Institut für Technologie"));
    assert_eq!(p.languages.len(), 2);
    assert!(p.skills.iter().any(|s| s.name == "Docker"));
}

#[test]
fn a_portuguese_resume() {
    let p = parse(
        "Beatriz Guerra\nDesenvolvedora Web\nbeatriz@example.com.br · (31) 99767-0818 · Belo Horizonte, Brasil\n\nEXPERIÊNCIA PROFISSIONAL\n\
         XLabora Ltda.\n04/2017 - Atual\nDesenvolvedora Web Full Stack Sênior\nCriei um sistema de filas com Amazon SQS.\n\n\
         Its4Company\n12/2016 - 03/2017\nDesenvolvedora Web\n\nFORMAÇÃO ACADÊMICA\nBacharelado em Ciência da Computação, Universidade Federal de Minas Gerais\t2010 – 2015\n\n\
         COMPETÊNCIAS\nPHP, Laravel, MySQL\n\nIDIOMAS\nPortuguês: nativo\nInglês: fluente\n",
    );
    assert_eq!(p.phones, vec!["+5531997670818"]);
    assert_eq!(p.work[0].employer.as_deref(), Some("XLabora Ltda."));
    assert_eq!(p.work[0].title.as_deref(), Some("Desenvolvedora Web Full Stack Sênior"));
    assert!(p.work[0].current);
    assert_eq!(p.work[1].end, d(2017, 3));
    assert_eq!(p.education[0].field.as_deref(), Some("Ciência da Computação"));
    assert!(p.skills.iter().any(|s| s.name == "Laravel"));
}

#[test]
fn empty_and_blank_text_give_an_empty_profile_and_a_warning() {
    for text in ["", "\n\n \t \n", "\u{feff}"] {
        let parsed = profile_from_text(text, Taxonomy::builtin(), TODAY);
        assert_eq!(parsed.profile, Profile::default());
        assert_eq!(parsed.warnings, vec!["no text to read"]);
    }
}

/// A deterministic stream of bytes, so the garbage is the same on every run.
fn garbage(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn hostile_text_never_panics_and_stays_fast() {
    let megabyte = String::from_utf8_lossy(&garbage(1 << 20)).into_owned();
    let lines = "Senior Engineer at Acme\n2019 – 2020\n- did 2019 things @ x.y\n".repeat(34_000);
    let unicode =
        "J\u{0332}\u{0301}\u{0302}o\u{200f}\u{202e}ÿ 👩‍💻 \u{10FFFF}\u{E000} ﷽ 𝔍𝔬𝔢 2019–2020 — présent\n".repeat(2_000);
    let digits = "+(((((((((((1 2 3 4 5 6 7 8 9 0 ------ //// .... 2019 2020 2021\n".repeat(3_000);
    let wide = "a".repeat(3 << 20);
    for text in [&megabyte, &lines, &unicode, &digits, &wide] {
        let started = Instant::now();
        let parsed = profile_from_text(text, Taxonomy::builtin(), TODAY);
        assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
        assert!(parsed.profile.work.len() <= text::MAX_LINES);
    }
    let long = profile_from_text(&lines, Taxonomy::builtin(), TODAY);
    assert!(long.warnings.iter().any(|w| w.contains("only the beginning")));
}

#[test]
fn a_sidebar_s_contact_lines_between_a_job_s_lines_are_not_highlights() {
    let p = parse(
        "Ana Silva\nana@example.com · +351 912 345 678 · github.com/anasilva\n\n\
         EXPERIENCE\nBackend Engineer at Acme\nJan 2021 – Present\n• Built the billing API in Django\n\
         ana@example.com\nGitHub\nanasilva\n+351 912 345 678\n• Ran the on-call rota\n",
    );
    assert_eq!(p.work.len(), 1);
    assert_eq!(p.work[0].highlights, vec!["Built the billing API in Django", "Ran the on-call rota"]);
}
