use super::*;

fn full_profile() -> Profile {
    Profile {
        name: None,
        headline: Some("Senior Backend Engineer".into()),
        emails: vec!["ana@example.com".into(), "ana.silva@work.example".into()],
        phones: vec!["+351 912 345 678".into()],
        location: Some(ProfileLocation { city: Some("Lisbon".into()), region: None, country_code: Some("PT".into()) }),
        links: vec![
            ProfileLink {
                kind: LinkKind::GitHub,
                url: "https://github.com/anasilva".into(),
                username: Some("anasilva".into()),
            },
            ProfileLink { kind: LinkKind::Portfolio, url: "https://anasilva.dev".into(), username: None },
        ],
        summary: Some("Backend engineer.\n\nLoves <b>PostgreSQL</b>.".into()),
        skills: vec![
            ProfileSkill { name: "Django".into(), category: String::new(), years: Some(4.0) },
            ProfileSkill { name: "PostgreSQL".into(), category: String::new(), years: Some(3.5) },
            ProfileSkill { name: "Kubernetes".into(), category: String::new(), years: None },
        ],
        work: vec![
            WorkEntry {
                title: Some("Senior Backend Engineer".into()),
                employer: Some("Acme".into()),
                start: PartialDate::new(2021, Some(6)),
                end: None,
                current: true,
                location: Some("Lisbon".into()),
                highlights: vec!["Led the move to PostgreSQL 15".into(), "Cut latency by 40%".into()],
            },
            WorkEntry {
                title: None,
                employer: Some("Initech".into()),
                start: PartialDate::new(2018, None),
                end: PartialDate::new(2021, Some(5)),
                ..WorkEntry::default()
            },
        ],
        total_years: Some(7.5),
        education: vec![EducationEntry {
            institution: Some("University of Porto".into()),
            degree: Some("MSc".into()),
            field: None,
            start: PartialDate::new(2013, None),
            end: PartialDate::new(2015, None),
        }],
        certifications: vec![Certification { name: "CKA".into(), issuer: None, date: PartialDate::new(2022, Some(4)) }],
        languages: vec![
            SpokenLanguage { language: "Portuguese".into(), fluency: Some("Native".into()) },
            SpokenLanguage { language: "English".into(), fluency: None },
        ],
    }
}

fn problems(section: ProfileSection, text: &str) -> Vec<String> {
    parse_section(section, text).unwrap_err().errors.into_iter().map(|e| e.message).collect()
}

fn problem(section: ProfileSection, text: &str) -> String {
    let all = problems(section, text);
    assert_eq!(all.len(), 1, "{all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn every_section_round_trips_through_its_text() {
    let profile = full_profile();
    let mut rebuilt = Profile::default();
    for &section in ProfileSection::ALL {
        let text = section_text(&profile, section);
        let parsed = parse_section(section, &text).unwrap_or_else(|e| panic!("{section}: {e}\n{text}"));
        assert_eq!(section_text(&parsed, section), text, "{section}");
        super::super::copy_section(section, &parsed, &mut rebuilt);
    }
    assert_eq!(rebuilt, profile);
}

#[test]
fn sections_read_as_the_help_says() {
    let text = section_text(&full_profile(), ProfileSection::Work);
    assert_eq!(
        text,
        "Senior Backend Engineer | Acme | 2021-06 | now | Lisbon\n- Led the move to PostgreSQL 15\n\
         - Cut latency by 40%\n\n| Initech | 2018 | 2021-05"
    );
    assert_eq!(section_text(&full_profile(), ProfileSection::Skills), "Django | 4\nPostgreSQL | 3.5\nKubernetes");
    assert_eq!(section_text(&full_profile(), ProfileSection::Location), "Lisbon, , PT");
    for &section in ProfileSection::ALL {
        assert!(parse_section(section, section.example()).is_ok(), "the example of {section} parses");
        assert!(!section.format().is_empty());
    }
}

#[test]
fn blank_text_empties_a_section() {
    for &section in ProfileSection::ALL {
        assert_eq!(parse_section(section, " \n\n ").unwrap(), Profile::default(), "{section}");
    }
}

#[test]
fn skills_take_optional_years_and_drop_repeats() {
    let skills =
        parse_section(ProfileSection::Skills, "Django | 4 years\n\nflask|2,5\nDJANGO | 1\nRust |").unwrap().skills;
    let got: Vec<(&str, Option<f32>)> = skills.iter().map(|s| (s.name.as_str(), s.years)).collect();
    assert_eq!(got, vec![("Django", Some(4.0)), ("flask", Some(2.5)), ("Rust", None)]);
    assert_eq!(
        problem(ProfileSection::Skills, "Django | 4\nDjango | four"),
        "Line 2: “four” is not a number of years from 0 to 60, such as 4 or 2.5."
    );
    assert!(problem(ProfileSection::Skills, "Go | 61").starts_with("Line 1: “61” is not a number of years"));
    assert!(problem(ProfileSection::Skills, "Go | NaN").contains("not a number of years"));
    assert!(problem(ProfileSection::Skills, "Go | 2 | 3").contains("too many “|” separators"));
    assert!(problem(ProfileSection::Skills, " | 2").contains("name is missing"));
    assert!(problem(ProfileSection::Skills, " | ").contains("only separators"));
}

#[test]
fn work_lines_carry_dates_current_jobs_and_highlights() {
    let text = "Engineer | Acme | 2019/03 | Present\n* Built things\n-\n\nIntern || 2018 | 2018";
    let work = parse_section(ProfileSection::Work, text).unwrap().work;
    assert_eq!(work.len(), 2);
    assert!(work[0].current && work[0].end.is_none());
    assert_eq!(work[0].start, PartialDate::new(2019, Some(3)));
    assert_eq!(work[0].highlights, vec!["Built things"]);
    assert_eq!(work[1].employer, None);
    assert_eq!(work[1].end, PartialDate::new(2018, None));
}

#[test]
fn work_problems_name_their_lines() {
    assert_eq!(
        problem(ProfileSection::Work, "\n- Led a team"),
        "Line 2: a highlight (“- …”) goes after its job's line; start with title | employer | start | end or now | location."
    );
    assert_eq!(
        problem(ProfileSection::Work, "Dev | Acme | 2019-13"),
        "Line 1: the start “2019-13” has no month 13; months run from 1 to 12."
    );
    assert!(problem(ProfileSection::Work, "Dev | Acme | March 2019").contains("the start “March 2019” is not a date"));
    assert!(problem(ProfileSection::Work, "Dev | Acme | 2019 | soon").contains("the end “soon” is not a date"));
    assert_eq!(
        problem(ProfileSection::Work, "Dev | Acme | 2021-05 | 2019"),
        "Line 1: the job ends (2019) before it starts (2021-05)."
    );
    assert!(problem(ProfileSection::Work, "a|b|c|d|e|f").contains("too many “|” separators"));
    assert!(problem(ProfileSection::Work, "Dev | Acme | 1800").contains("“1800” is not between 1950 and 2100"));
    let both = problems(ProfileSection::Work, "Dev | Acme | 1800\n- ok\nOps | X | 2020 | 2019-02-01");
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(both[0].starts_with("Line 1:") && both[1].starts_with("Line 3:"), "{both:?}");
}

#[test]
fn education_certifications_and_languages_check_their_fields() {
    let edu = parse_section(ProfileSection::Education, "MIT | BSc | Physics | 2010 | 2014").unwrap().education;
    assert_eq!(edu[0].field.as_deref(), Some("Physics"));
    assert!(problem(ProfileSection::Education, "MIT | BSc | Physics | 2014 | 2010").contains("the course ends"));
    assert!(problem(ProfileSection::Education, "MIT | BSc | | now").contains("the start “now” is not a date"));
    let certs = parse_section(ProfileSection::Certifications, "CKA | CNCF | 2022-04").unwrap().certifications;
    assert_eq!(certs[0].issuer.as_deref(), Some("CNCF"));
    assert!(problem(ProfileSection::Certifications, "| CNCF").contains("the certification's name is missing"));
    assert!(
        problem(ProfileSection::Certifications, "CKA | CNCF | 22")
            .contains("the date “22” is not between 1950 and 2100")
    );
    let languages = parse_section(ProfileSection::Languages, "English | C1\nGerman").unwrap().languages;
    assert_eq!(languages[1], SpokenLanguage { language: "German".into(), fluency: None });
    assert!(problem(ProfileSection::Languages, "| C1").contains("the language is missing"));
    assert!(problem(ProfileSection::Languages, "English | C1 | fluent").contains("too many"));
}

#[test]
fn contacts_are_checked_like_the_candidate_form() {
    let emails = parse_section(ProfileSection::Emails, "Ana@Example.com\nana@example.com\nb@example.org").unwrap();
    assert_eq!(emails.emails, vec!["ana@example.com", "b@example.org"]);
    assert_eq!(
        problem(ProfileSection::Emails, "ana@example.com\n\nana at example"),
        "Line 3: “ana at example” must look like name@example.com."
    );
    assert!(problem(ProfileSection::Phones, "+351 912 345\ncall me").starts_with("Line 2: “call me” must be a phone"));
    assert_eq!(parse_section(ProfileSection::Phones, "+1 (415) 555-0100").unwrap().phones, vec!["+1 (415) 555-0100"]);
}

#[test]
fn links_are_classified_by_host() {
    let text = "https://github.com/ana\nhttps://www.linkedin.com/in/ana/\nhttps://gitlab.com/ana?tab=1\n\
                https://stackoverflow.com/users/1/ana\nhttps://ana.dev/blog\nhttp://notgithub.com/x";
    let links = parse_section(ProfileSection::Links, text).unwrap().links;
    let kinds: Vec<LinkKind> = links.iter().map(|l| l.kind).collect();
    use LinkKind::*;
    assert_eq!(kinds, vec![GitHub, LinkedIn, GitLab, StackOverflow, Portfolio, Portfolio]);
    let names: Vec<Option<&str>> = links.iter().map(|l| l.username.as_deref()).collect();
    assert_eq!(names, vec![Some("ana"), Some("ana"), Some("ana"), Some("ana"), None, None]);
    assert!(
        problem(ProfileSection::Links, "javascript:alert(1)").starts_with("Line 1: “javascript:alert(1)” must start")
    );
    assert!(problem(ProfileSection::Links, "https://a.dev/\"><script>").contains("must be a web address"));
}

#[test]
fn one_line_sections_refuse_more_lines() {
    assert_eq!(
        problem(ProfileSection::Headline, "Engineer\nManager"),
        "The headline is one line; put more in the summary; this has 2 lines."
    );
    assert!(problem(ProfileSection::TotalYears, "5\n6").starts_with("The experience is one number"));
    assert_eq!(parse_section(ProfileSection::TotalYears, " 7,5 ").unwrap().total_years, Some(7.5));
    assert!(problem(ProfileSection::TotalYears, "-1").contains("from 0 to 60"));
    assert!(problem(ProfileSection::TotalYears, "lots").contains("from 0 to 60"));
}

#[test]
fn locations_are_city_region_and_country_code() {
    let at = |text: &str| parse_section(ProfileSection::Location, text).unwrap().location.unwrap();
    assert_eq!(at("Porto").city.as_deref(), Some("Porto"));
    let sf = at("San Francisco, CA, us");
    assert_eq!((sf.region.as_deref(), sf.country_code.as_deref()), (Some("CA"), Some("US")));
    assert_eq!(at(", , DE").country_code.as_deref(), Some("DE"));
    assert_eq!(parse_section(ProfileSection::Location, " , , ").unwrap().location, None);
    assert!(problem(ProfileSection::Location, "A, B, C, D").contains("at most two commas"));
    assert!(problem(ProfileSection::Location, "Lisbon, , Portugal").contains("“Portugal” is not a two-letter"));
}

#[test]
fn the_summary_keeps_its_paragraphs_within_bounds() {
    let summary = parse_section(ProfileSection::Summary, "  First.\r\n\r\nSecond.  ").unwrap().summary;
    assert_eq!(summary.as_deref(), Some("First.\n\nSecond."));
    assert!(problem(ProfileSection::Summary, &"x".repeat(20_001)).starts_with("The summary is at most 20000"));
    assert!(problem(ProfileSection::Summary, "a\u{0}b").contains("control characters"));
}

#[test]
fn hostile_input_is_refused_with_a_reason() {
    let many = "Go\n".repeat(201);
    assert_eq!(
        problem(ProfileSection::Skills, &many),
        "At most 200 lines; this has 201. Remove the least useful ones."
    );
    let long = format!("Go\n{}", "x".repeat(1001));
    assert_eq!(problem(ProfileSection::Skills, &long), "Line 2: at most 1000 characters; this line has 1001.");
    assert!(problem(ProfileSection::Skills, &"x".repeat(300_000)).starts_with("The text is too long"));
    assert_eq!(problem(ProfileSection::Headline, "Eng\u{0}ineer"), "Line 1: remove the invisible control character.");
    assert!(problem(ProfileSection::Emails, "a@b.co\rc@d.co").contains("control character"));
    let html = parse_section(ProfileSection::Headline, "<script>alert(1)</script>").unwrap();
    assert_eq!(html.headline.as_deref(), Some("<script>alert(1)</script>"), "kept as text; pages escape it");
    let quoted = problem(ProfileSection::Emails, &"y".repeat(900));
    assert!(quoted.chars().count() < 150, "long values are shortened in messages: {quoted}");
}

#[test]
fn values_that_would_break_the_format_are_written_safely() {
    let profile = Profile {
        work: vec![WorkEntry {
            title: Some("- Lead | Architect".into()),
            employer: Some("Acme\nCorp".into()),
            highlights: vec!["line one\nline two".into(), "  ".into()],
            ..WorkEntry::default()
        }],
        skills: vec![ProfileSkill { name: "C | C++".into(), category: "language".into(), years: Some(2.25) }],
        location: Some(ProfileLocation { city: Some("Washington, D.C.".into()), region: None, country_code: None }),
        ..Profile::default()
    };
    let work = section_text(&profile, ProfileSection::Work);
    assert_eq!(work, "Lead / Architect | Acme Corp\n- line one line two");
    assert_eq!(parse_section(ProfileSection::Work, &work).unwrap().work[0].highlights, vec!["line one line two"]);
    assert_eq!(section_text(&profile, ProfileSection::Skills), "C / C++ | 2.3");
    assert_eq!(section_text(&profile, ProfileSection::Location), "Washington  D.C.");
    let empty_job = Profile { work: vec![WorkEntry::default()], ..Profile::default() };
    assert_eq!(section_text(&empty_job, ProfileSection::Work), "");
}
