//! A deterministic population of developer profiles for the benchmarks: skills drawn from the
//! taxonomy with survey-like frequencies, 1–30 years of experience, and for search a whole
//! profile with about 3 KB of resume text.

use hired_domain::profile::{Certification, PartialDate, Profile, ProfileLocation, ProfileSkill, WorkEntry};
use hired_match::{Candidate, HeldSkill, Place};
use hired_resume::taxonomy::Taxonomy;

/// Share of developers using each technology, in the spirit of public developer surveys;
/// names are looked up in the taxonomy.
const COMMON: &[(&str, f64)] = &[
    ("Git", 0.85),
    ("JavaScript", 0.60),
    ("SQL", 0.50),
    ("Python", 0.48),
    ("HTML", 0.50),
    ("CSS", 0.45),
    ("Docker", 0.55),
    ("TypeScript", 0.38),
    ("Bash", 0.32),
    ("Java", 0.30),
    ("PostgreSQL", 0.45),
    ("MySQL", 0.38),
    ("Amazon Web Services", 0.45),
    ("Node.js", 0.40),
    ("React", 0.38),
    ("Linux", 0.40),
    ("REST", 0.45),
    ("Redis", 0.22),
    ("MongoDB", 0.24),
    ("Kubernetes", 0.25),
    ("C#", 0.26),
    ("Microsoft Azure", 0.25),
    ("Google Cloud", 0.22),
    ("PHP", 0.18),
    ("Go", 0.13),
    ("C++", 0.20),
    ("SQLite", 0.30),
    ("Terraform", 0.15),
    ("Jenkins", 0.18),
    ("GitHub Actions", 0.25),
    ("Django", 0.12),
    ("Flask", 0.13),
    ("FastAPI", 0.10),
    ("Spring Boot", 0.12),
    ("Express", 0.17),
    ("Angular", 0.17),
    ("Vue.js", 0.15),
    ("Laravel", 0.07),
    ("Symfony", 0.04),
    ("Ruby on Rails", 0.05),
    ("Kafka", 0.10),
    ("RabbitMQ", 0.08),
    ("Elasticsearch", 0.12),
    ("GraphQL", 0.12),
    ("Celery", 0.05),
    ("Django REST Framework", 0.06),
    ("Kotlin", 0.09),
    ("Rust", 0.10),
    ("Ruby", 0.06),
    ("Scala", 0.03),
    ("Agile", 0.30),
    ("Scrum", 0.25),
    ("Jira", 0.35),
    ("Microservices", 0.25),
    ("Pytest", 0.08),
];

/// Where profiles live, with roughly how many developers each holds.
const PLACES: &[(&str, &str, u32)] = &[
    ("Berlin", "DE", 8),
    ("Munich", "DE", 4),
    ("Paris", "FR", 7),
    ("Lyon", "FR", 2),
    ("London", "GB", 9),
    ("Madrid", "ES", 4),
    ("Lisbon", "PT", 3),
    ("Warsaw", "PL", 4),
    ("Amsterdam", "NL", 4),
    ("New York", "US", 9),
    ("San Francisco", "US", 6),
    ("Toronto", "CA", 4),
    ("Bangalore", "IN", 9),
    ("São Paulo", "BR", 5),
    ("Kyiv", "UA", 3),
];

/// A small deterministic generator (SplitMix64): the same population on every machine.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize
    }
}

/// Draws developer profiles: the common technologies by their shares, a few from the rest of
/// the taxonomy on a Zipf-like tail, years per skill within the career.
pub struct Population {
    common: Vec<(String, f64)>,
    tail: Vec<String>,
    certifications: Vec<String>,
    places: Vec<(&'static str, &'static str)>,
}

impl Population {
    /// The population's technologies and places, looked up in `taxonomy`.
    pub fn new(taxonomy: &Taxonomy) -> Population {
        let common: Vec<(String, f64)> = COMMON
            .iter()
            .map(|&(name, share)| {
                let tech = taxonomy.lookup(name).unwrap_or_else(|| panic!("{name} is not in the taxonomy"));
                (tech.name.clone(), share)
            })
            .collect();
        let tail = taxonomy
            .techs()
            .iter()
            .map(|t| t.name.clone())
            .filter(|name| !common.iter().any(|(c, _)| c == name))
            .collect();
        let certifications =
            ["PCAP", "AWS Certified Developer – Associate", "CKA", "Oracle Certified Professional Java"]
                .iter()
                .filter_map(|c| taxonomy.certifications(c).first().map(|c| c.name.clone()))
                .collect();
        let places = PLACES.iter().flat_map(|&(city, country, n)| (0..n).map(move |_| (city, country))).collect();
        Population { common, tail, certifications, places }
    }

    /// One developer's matching facts.
    pub fn draw(&self, rng: &mut Rng) -> Candidate {
        // Careers skew early: the square of a uniform, stretched to 1–30 years.
        let total = 1.0 + 29.0 * rng.unit().powi(2);
        let mut skills = Vec::with_capacity(24);
        let years = |rng: &mut Rng| Some((0.5 + rng.unit() * (total - 0.5)).min(total) as f32);
        for (name, share) in &self.common {
            if rng.unit() < *share {
                skills.push(HeldSkill { name: name.clone(), years: years(rng) });
            }
        }
        for _ in 0..2 + rng.below(7) {
            let rank = ((self.tail.len() as f64).powf(rng.unit()) - 1.0) as usize;
            skills.push(HeldSkill { name: self.tail[rank.min(self.tail.len() - 1)].clone(), years: years(rng) });
        }
        let certifications = if rng.unit() < 0.12 && !self.certifications.is_empty() {
            vec![self.certifications[rng.below(self.certifications.len())].clone()]
        } else {
            Vec::new()
        };
        let (city, country) = self.places[rng.below(self.places.len())];
        Candidate {
            skills,
            total_years: Some(total as f32),
            certifications,
            place: Place { city: Some(city.to_owned()), country: Some(country.to_owned()) },
            ..Candidate::default()
        }
    }
}

/// A whole generated person for search: the profile intake would have read, and the resume's
/// text (about 3 KB) it was read from.
pub struct Person {
    /// What intake read.
    pub profile: Profile,
    /// The resume as plain text.
    pub text: String,
}

const FIRST: &[&str] = &[
    "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger", "Radia", "Guido",
    "Sophie", "Lucas", "Maria", "João", "Ana", "Pierre", "Camille", "Jan", "Olga", "Priya", "Arjun", "Mei", "Hiro",
    "Fatima", "Omar", "Elena", "Diego", "Lea", "Tomasz", "Ingrid", "Kofi", "Amara", "Sven", "Chloé", "Mateo", "Yuki",
];
const LAST: &[&str] = &[
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Rossum",
    "Martin",
    "Dubois",
    "Silva",
    "Santos",
    "Müller",
    "Schmidt",
    "Kowalski",
    "Nowak",
    "Sharma",
    "Patel",
    "Chen",
    "Wang",
    "Tanaka",
    "Sato",
    "Haddad",
    "Garcia",
    "Fernández",
    "Novak",
    "Jensen",
    "Mensah",
    "Okafor",
];
const TITLES: &[&str] = &[
    "Backend Developer",
    "Software Engineer",
    "Python Developer",
    "PHP Developer",
    "Full Stack Developer",
    "Site Reliability Engineer",
    "Data Engineer",
    "DevOps Engineer",
    "Platform Engineer",
    "Java Developer",
    "Frontend Developer",
    "Engineering Manager",
    "Tech Lead",
    "Solutions Architect",
    "QA Engineer",
];
const VERBS: &[&str] = &[
    "Built",
    "Designed",
    "Maintained",
    "Migrated",
    "Led",
    "Optimized",
    "Refactored",
    "Automated",
    "Shipped",
    "Introduced",
    "Scaled",
    "Rewrote",
    "Monitored",
    "Secured",
    "Tested",
    "Documented",
    "Mentored",
    "Integrated",
];
const THINGS: &[&str] = &[
    "a payments service",
    "the billing platform",
    "REST APIs",
    "an event driven pipeline",
    "the search backend",
    "internal tooling",
    "a customer portal",
    "the reporting stack",
    "background workers",
    "the checkout flow",
    "a recommendation engine",
    "data ingestion jobs",
    "the authentication layer",
    "deployment pipelines",
    "a multi tenant SaaS product",
    "legacy monoliths",
    "GraphQL gateways",
    "observability dashboards",
];
const OUTCOMES: &[&str] = &[
    "cutting latency by 40%",
    "serving two million users a day",
    "reducing cloud costs",
    "with zero downtime",
    "improving test coverage to 90%",
    "halving the release cycle",
    "for a team of eight engineers",
    "in close collaboration with product managers",
    "used by every squad",
    "meeting strict compliance rules",
    "while onboarding junior developers",
    "ahead of schedule",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ven", "tor", "zu", "pel", "dra", "nix", "sol", "qua", "ber", "fin", "gal", "hex", "jun",
    "kor", "lum", "mar", "nov", "ost", "pra", "rix", "sen", "tal", "umb", "vor", "wex", "yan",
];

impl Population {
    /// The `i`th person: a name and address unique to `i`, skills and years from
    /// [`Population::draw`], a work history at companies on a long tail, and resume text.
    pub fn person(&self, i: usize, rng: &mut Rng) -> Person {
        let facts = self.draw(rng);
        let first = FIRST[rng.below(FIRST.len())];
        let last = LAST[rng.below(LAST.len())];
        let name = format!("{first} {last}");
        let total = facts.total_years.unwrap_or(1.0);
        let skills: Vec<ProfileSkill> = facts
            .skills
            .iter()
            .map(|s| ProfileSkill { name: s.name.clone(), category: String::new(), years: s.years })
            .collect();
        let email = format!("{}.{}.{i}@example.com", first.to_lowercase(), last.to_lowercase());
        let city = facts.place.city.clone().unwrap_or_default();
        let mut text = format!("{name}\n{email}\n{city}\n\n");
        let headline = format!("{} {}", seniority(total), TITLES[rng.below(TITLES.len())]);
        let names: Vec<&str> = skills.iter().map(|s| s.name.as_str()).collect();
        let summary = format!(
            "{headline} with {:.0} years of experience, mostly with {}.",
            total,
            names.iter().take(4).copied().collect::<Vec<_>>().join(", ")
        );
        text.push_str(&format!("{headline}\n\n{summary}\n\nExperience\n"));
        let mut work = Vec::new();
        let mut year = 2026.0f32;
        let jobs = (1 + (total / 4.0) as usize).min(6);
        for j in 0..jobs {
            let length = (total / jobs as f32).max(0.5);
            let employer = self.company(rng);
            let title = TITLES[rng.below(TITLES.len())].to_owned();
            let start = (year - length) as u16;
            text.push_str(&format!(
                "\n{title} at {employer}, {start} – {}\n",
                if j == 0 { "present".to_owned() } else { (year as u16).to_string() }
            ));
            let mut highlights = Vec::new();
            for _ in 0..3 + rng.below(4) {
                let line = self.sentence(rng, &names);
                text.push_str(&format!("- {line}\n"));
                highlights.push(line);
            }
            work.push(WorkEntry {
                employer: Some(employer),
                title: Some(title),
                start: PartialDate::new(start, None),
                end: if j == 0 { None } else { PartialDate::new(year as u16, None) },
                current: j == 0,
                location: facts.place.city.clone(),
                highlights,
            });
            year -= length;
        }
        text.push_str("\nProjects\n");
        while text.len() < 2_900 {
            text.push_str(&format!("- {}\n", self.sentence(rng, &names)));
        }
        text.push_str(&format!("\nSkills\n{}\n", names.join(", ")));
        let profile = Profile {
            name: Some(name),
            headline: Some(headline),
            emails: vec![email],
            location: Some(ProfileLocation {
                city: facts.place.city.clone(),
                region: None,
                country_code: facts.place.country.clone(),
            }),
            summary: Some(summary),
            skills,
            work,
            total_years: Some(total),
            certifications: facts
                .certifications
                .iter()
                .map(|c| Certification { name: c.clone(), ..Certification::default() })
                .collect(),
            ..Profile::default()
        };
        Person { profile, text }
    }

    /// A company on a long tail: a few large employers, many small ones.
    fn company(&self, rng: &mut Rng) -> String {
        let rank = (100_000f64.powf(rng.unit()) - 1.0) as usize;
        format!("{} {}", codename(rank), ["Systems", "Labs", "GmbH", "Software", "Digital", "Group"][rank % 6])
    }

    /// One line of a resume: what was done, with which skills, to what end, sometimes on a
    /// named project (the long tail of rare words).
    fn sentence(&self, rng: &mut Rng, skills: &[&str]) -> String {
        let skill = |rng: &mut Rng| skills.get(rng.below(skills.len().max(1))).copied().unwrap_or("Python");
        let project = if rng.unit() < 0.3 {
            format!(" for project {}", codename((1_000_000f64.powf(rng.unit())) as usize))
        } else {
            String::new()
        };
        format!(
            "{} {} with {} and {}{project}, {}.",
            VERBS[rng.below(VERBS.len())],
            THINGS[rng.below(THINGS.len())],
            skill(rng),
            skill(rng),
            OUTCOMES[rng.below(OUTCOMES.len())]
        )
    }
}

/// A made-up word for `n`: capitalized syllables, different for every `n`.
fn codename(mut n: usize) -> String {
    let mut word = String::new();
    loop {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn seniority(years: f32) -> &'static str {
    match years {
        y if y < 2.0 => "Junior",
        y if y < 5.0 => "Mid-level",
        y if y < 10.0 => "Senior",
        _ => "Lead",
    }
}
