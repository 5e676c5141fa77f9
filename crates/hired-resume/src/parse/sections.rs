//! Section headings ("Work Experience", "Expérience professionnelle", "Berufserfahrung",
//! "Formación", "Competências", …) in English, French, Spanish, German, Portuguese and Italian,
//! and the section each line of a resume falls under.

use super::text::{Line, fold};

/// The kind of a resume section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Section {
    /// Before the first heading: name, headline, contact details.
    Header,
    /// A summary or "about" paragraph.
    Summary,
    /// Contact details and profile links.
    Contact,
    /// Jobs.
    Work,
    /// Schools and degrees.
    Education,
    /// Skills and technologies.
    Skills,
    /// Spoken languages (or, in some themes, programming languages).
    Languages,
    /// Certificates.
    Certifications,
    /// Projects.
    Projects,
    /// Volunteering.
    Volunteer,
    /// Awards and honours.
    Awards,
    /// Publications and talks.
    Publications,
    /// Interests and hobbies.
    Interests,
    /// References.
    References,
}

#[rustfmt::skip]
const HEADINGS: &[(Section, &[&str])] = &[
    (Section::Summary, &[
        "summary", "profile", "profil", "about", "about me", "professional summary", "career summary", "objective",
        "career objective", "personal statement", "introduction", "a propos", "a propos de moi", "resume",
        "presentation", "profil professionnel", "perfil", "perfil profesional", "perfil profissional", "sobre mi",
        "acerca de mi", "resumen", "resumo", "sobre", "sobre mim", "presentacion", "apresentacao", "zusammenfassung",
        "uber mich", "kurzprofil", "profil", "chi sono", "profilo", "sommario",
    ]),
    (Section::Contact, &[
        "contact", "contacts", "contact information", "contact details", "contact info", "personal information",
        "personal details", "profiles", "social", "social profiles", "links", "online", "coordonnees",
        "informations personnelles", "profils", "liens", "reseaux", "contacto", "datos personales",
        "datos de contacto", "perfiles", "redes", "redes sociales", "enlaces", "kontakt", "kontaktdaten",
        "personliche daten", "personliche angaben", "contato", "dados pessoais", "informacoes de contato", "perfis",
        "contatti",
    ]),
    (Section::Work, &[
        "work", "experience", "experiences", "work experience", "work experiences", "professional experience",
        "professional experiences", "employment", "employment history", "work history", "career", "career history",
        "professional background", "relevant experience", "industry experience", "positions", "jobs",
        "experience professionnelle", "experiences professionnelles", "parcours professionnel", "parcours", "emplois",
        "experiencia", "experiencias", "experiencia laboral", "experiencia profesional", "experiencias profesionales",
        "trayectoria", "trayectoria profesional", "historial laboral", "empleos", "berufserfahrung", "erfahrung",
        "berufliche erfahrung", "beruflicher werdegang", "werdegang", "praxiserfahrung", "berufspraxis",
        "arbeitserfahrung", "experiencia profissional", "experiencias profissionais", "historico profissional",
        "esperienza", "esperienze", "esperienza lavorativa", "esperienze lavorative", "esperienza professionale",
        "esperienze professionali",
    ]),
    (Section::Education, &[
        "education", "education and training", "academic background", "academic history", "studies", "schooling",
        "qualifications", "education & training", "formation", "formations", "etudes", "parcours academique",
        "formation academique", "diplomes", "educacion", "formacion", "formacion academica", "estudios", "ausbildung",
        "bildung", "studium", "bildungsweg", "akademischer werdegang", "schulbildung", "aus- und weiterbildung",
        "educacao", "formacao", "formacao academica", "escolaridade", "istruzione", "formazione",
        "istruzione e formazione",
    ]),
    (Section::Skills, &[
        "skills", "skill", "technical skills", "core skills", "key skills", "skills & expertise",
        "skills and expertise", "competencies", "core competencies", "tech stack", "technical expertise",
        "skills & tools", "skills and tools", "tools & technologies", "technical proficiencies",
        "skills & technologies", "skills and technologies", "competences", "competences techniques", "savoir-faire",
        "technologies et outils", "habilidades", "habilidades tecnicas", "competencias", "competencias tecnicas",
        "conocimientos", "conocimientos tecnicos", "aptitudes", "kenntnisse", "fahigkeiten", "fertigkeiten",
        "kompetenzen", "technische kenntnisse", "it-kenntnisse", "edv-kenntnisse", "fachkenntnisse",
        "skills und kenntnisse", "conhecimentos", "competenze", "competenze tecniche",
    ]),
    (Section::Languages, &[
        "languages", "language", "spoken languages", "language skills", "langues", "langues parlees", "idiomas",
        "lenguas", "sprachen", "sprachkenntnisse", "linguas", "lingue", "conoscenze linguistiche",
    ]),
    (Section::Certifications, &[
        "certifications", "certification", "certificates", "certificate", "licenses & certifications",
        "licenses and certifications", "certifications & licenses", "certificats", "certificat", "certificaciones",
        "certificados", "zertifikate", "zertifizierungen", "zertifikate & weiterbildungen", "weiterbildungen",
        "certificacoes", "certificazioni", "accreditations",
    ]),
    (Section::Projects, &[
        "projects", "personal projects", "side projects", "open source", "open source projects", "selected projects",
        "project experience", "projects experience", "experience projets", "projets realises", "projets",
        "projets personnels", "proyectos", "proyectos personales", "projekte", "projetos", "projetos pessoais",
        "progetti", "portfolio",
    ]),
    (Section::Volunteer, &[
        "volunteer", "volunteering", "volunteer experience", "volunteer work", "community", "benevolat",
        "engagement associatif", "voluntariado", "ehrenamt", "ehrenamtliches engagement", "engagement",
        "volontariato", "trabalho voluntario",
    ]),
    (Section::Awards, &[
        "awards", "honors", "honours", "awards & honors", "honors & awards", "achievements", "prix", "distinctions",
        "recompenses", "premios", "reconocimientos", "logros", "auszeichnungen", "preise", "premiacoes", "premi",
    ]),
    (Section::Publications, &[
        "publications", "talks", "publications & talks", "conferences", "publicaciones", "publikationen",
        "veroffentlichungen", "vortrage", "publicacoes", "pubblicazioni",
    ]),
    (Section::Interests, &[
        "interests", "hobbies", "hobbies & interests", "interests & hobbies", "centres d'interet",
        "centres d'interets", "loisirs", "interets", "intereses", "aficiones", "pasatiempos", "interessen", "hobbys",
        "freizeit", "interesses", "hobbies e interesses", "interessi",
    ]),
    (Section::References, &[
        "references", "referees", "referencias", "referenzen", "referencias profissionais", "referenze",
    ]),
];

/// The section a line names, when the line is a heading.
pub(crate) fn heading(line: &str) -> Option<Section> {
    if line.is_empty() || line.len() > 60 {
        return None;
    }
    let key = heading_key(line)?;
    HEADINGS.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(s, _)| *s)
}

/// The heading text folded, without numbering, colons or letter-spacing ("S U M M A RY").
fn heading_key(line: &str) -> Option<String> {
    let trimmed = line.trim_matches(|c: char| !c.is_alphanumeric());
    let trimmed = trimmed.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    let parts: Vec<&str> = trimmed.split(' ').collect();
    let singles = parts.iter().filter(|p| p.chars().count() == 1).count();
    let joined = if parts.len() >= 4 && singles * 3 >= parts.len() * 2 { parts.concat() } else { trimmed.to_string() };
    let folded = fold(&joined);
    let words: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    (words.len() <= 6).then(|| words.join(" "))
}

/// Lines whose first segment is a heading ("Work<TAB>Game Programmer", where a theme prints
/// the heading beside the first entry) cut in two, so the heading stands alone.
pub(crate) fn split_headings(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some((first, rest)) = line.text.split_once('\t')
            && heading(first).is_some()
        {
            out.push(Line { text: String::new(), bullet: false });
            out.push(Line { text: first.trim().to_string(), bullet: false });
            out.push(Line { text: rest.trim().to_string(), bullet: false });
        } else {
            out.push(line);
        }
    }
    out
}

/// The section of every line, and which lines are headings. A heading word counts as a
/// heading only when it starts with a capital and stands apart (a blank line or the edge of
/// the text around it, capitals throughout, or a colon): "formation" in a list of keywords is
/// not the French education heading.
pub(crate) fn label(lines: &[Line]) -> (Vec<Section>, Vec<bool>) {
    let mut current = Section::Header;
    let mut sections = Vec::with_capacity(lines.len());
    let mut headings = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let apart = i == 0
            || lines[i - 1].is_blank()
            || lines.get(i + 1).is_none_or(Line::is_blank)
            || super::text::is_all_caps(&line.text)
            || line.text.ends_with(':');
        let capital = line.text.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
        let h = if apart && capital { heading(&line.text) } else { None };
        if let Some(s) = h {
            current = s;
        }
        sections.push(current);
        headings.push(h.is_some());
    }
    (sections, headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_theme_headings() {
        assert_eq!(heading("WORK EXPERIENCE"), Some(Section::Work));
        assert_eq!(heading("S U M M A RY"), Some(Section::Summary));
        assert_eq!(heading("Education"), Some(Section::Education));
        assert_eq!(heading("Skills:"), Some(Section::Skills));
        assert_eq!(heading("Certificates"), Some(Section::Certifications));
        assert_eq!(heading("Languages"), Some(Section::Languages));
        assert_eq!(heading("Senior Software Engineer"), None);
        assert_eq!(heading("Worked on skills for the team"), None);
    }

    #[test]
    fn headings_in_five_languages() {
        assert_eq!(heading("EXPÉRIENCE PROFESSIONNELLE"), Some(Section::Work));
        assert_eq!(heading("Compétences techniques"), Some(Section::Skills));
        assert_eq!(heading("Experiencia laboral"), Some(Section::Work));
        assert_eq!(heading("FORMACIÓN ACADÉMICA"), Some(Section::Education));
        assert_eq!(heading("Berufserfahrung"), Some(Section::Work));
        assert_eq!(heading("Sprachkenntnisse"), Some(Section::Languages));
        assert_eq!(heading("Experiência Profissional"), Some(Section::Work));
        assert_eq!(heading("Formação Acadêmica"), Some(Section::Education));
        assert_eq!(heading("Certificações"), Some(Section::Certifications));
        assert_eq!(heading("Idiomas"), Some(Section::Languages));
    }

    #[test]
    fn a_heading_beside_the_first_entry_is_cut_off() {
        let lines = vec![Line { text: "Work\tGame Programmer".into(), bullet: false }];
        let split = split_headings(lines);
        assert_eq!(split.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), vec!["", "Work", "Game Programmer"]);
    }

    #[test]
    fn lines_take_the_section_of_the_heading_above() {
        let lines: Vec<Line> =
            ["Ana Lima", "", "Experiência", "Dev, Acme", "RH", "formation", "", "Idiomas", "Português"]
                .iter()
                .map(|t| Line { text: (*t).to_string(), bullet: false })
                .collect();
        let (sections, headings) = label(&lines);
        use Section::*;
        assert_eq!(sections, vec![Header, Header, Work, Work, Work, Work, Work, Languages, Languages]);
        assert_eq!(headings, vec![false, false, true, false, false, false, false, true, false]);
    }
}
