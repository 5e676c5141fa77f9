//! The demo's staff, departments and ten requisitions: the two seed-guide
//! templates and other backend roles, across levels and statuses, each with
//! the window in which it took applications and its hiring team.

use hired_domain::requisition::{Level, RequisitionInput, RequisitionSpec, RequisitionStatus, SourcingModel};
use hired_domain::templates::{django_backend, php_python_backend};
use hired_domain::user::Role;
use hired_domain::{DepartmentId, Invalid};

/// Staff accounts: the four sign-in accounts first, then colleagues who fill the hiring teams.
pub(super) const STAFF: &[(&str, &str, Role)] = &[
    ("admin@example.com", "Avery Chen", Role::Admin),
    ("recruiter@example.com", "Riley Johnson", Role::Recruiter),
    ("manager@example.com", "Morgan Patel", Role::HiringManager),
    ("interviewer@example.com", "Jordan Kim", Role::Interviewer),
    ("priya.raman@example.com", "Priya Raman", Role::HiringManager),
    ("tomas.herrera@example.com", "Tomás Herrera", Role::HiringManager),
    ("amara.okafor@example.com", "Amara Okafor", Role::Interviewer),
];

/// Departments that own the requisitions.
pub(super) const DEPARTMENTS: &[&str] = &["Engineering", "Data & Platform", "Product Engineering"];

/// One demo requisition and its story.
pub(super) struct DemoRole {
    /// The role definition.
    pub spec: RequisitionSpec,
    /// Where it stands today.
    pub status: RequisitionStatus,
    /// Days ago it was opened (its creation).
    pub opened_days_ago: i64,
    /// Days ago it stopped taking candidates (filled, closed, put on hold); `None` while open.
    pub ended_days_ago: Option<i64>,
    /// About how many applications it received.
    pub applicants: usize,
    /// Emails of the hiring team besides the recruiter who created it; the hiring manager first.
    pub team: &'static [&'static str],
}

impl DemoRole {
    /// Whether freelance marketplaces and agencies are the usual sources.
    pub fn uses_marketplaces(&self) -> bool {
        self.spec.sourcing != SourcingModel::InHouse
    }

    /// The skill names, for candidates' tags.
    pub fn skill_names(&self) -> Vec<String> {
        self.spec.skills.iter().map(|s| s.skill.clone()).collect()
    }
}

const MORGAN: &str = "manager@example.com";
const JORDAN: &str = "interviewer@example.com";
const PRIYA: &str = "priya.raman@example.com";
const TOMAS: &str = "tomas.herrera@example.com";
const AMARA: &str = "amara.okafor@example.com";

/// A requisition written as a person would type it into the form.
struct Form {
    title: &'static str,
    locations: &'static str,
    remote: &'static str,
    employment_type: &'static str,
    sourcing: &'static str,
    level: &'static str,
    headcount: &'static str,
    responsibilities: &'static str,
    skills: &'static str,
    certifications: &'static str,
    salary: (&'static str, &'static str, &'static str, &'static str),
}

impl Form {
    /// Validates the form like the requisition page does.
    fn spec(&self, department: DepartmentId) -> Result<RequisitionSpec, Invalid> {
        let (salary_min, salary_max, salary_currency, salary_period) = self.salary;
        RequisitionSpec::try_from(&RequisitionInput {
            title: self.title.into(),
            department_id: department.to_string(),
            locations: self.locations.into(),
            remote: self.remote.into(),
            employment_type: self.employment_type.into(),
            sourcing: self.sourcing.into(),
            level: self.level.into(),
            headcount: self.headcount.into(),
            responsibilities: self.responsibilities.into(),
            skills: self.skills.into(),
            certifications: self.certifications.into(),
            salary_min: salary_min.into(),
            salary_max: salary_max.into(),
            salary_currency: salary_currency.into(),
            salary_period: salary_period.into(),
        })
    }
}

const GO: Form = Form {
    title: "Senior Go Backend Engineer",
    locations: "Austin, TX\nNew York, NY",
    remote: "hybrid",
    employment_type: "full_time",
    sourcing: "in_house",
    level: "senior",
    headcount: "1",
    responsibilities: "Design and run the Go services behind our scheduling and payments APIs\n\
        Own gRPC and REST contracts between services\n\
        Profile and tune hot paths, queries and connection pools\n\
        Lead incident reviews and improve observability\n\
        Mentor mid-level engineers through code review and pairing",
    skills: "Go | required | 10 | 3\nPostgreSQL | required | 7\ngRPC | required | 6\nDocker | required | 5\n\
        Kubernetes | nice | 6\nKafka | nice | 5\nRedis | nice | 4\nAWS | nice | 5\nPrometheus | nice | 4\n\
        Terraform | nice | 3",
    certifications: "Certified Kubernetes Application Developer (CKAD)\nAWS Certified Developer – Associate",
    salary: ("130000", "180000", "USD", "year"),
};

const JAVA: Form = Form {
    title: "Java Backend Engineer (Spring Boot)",
    locations: "Chicago, IL",
    remote: "hybrid",
    employment_type: "full_time",
    sourcing: "in_house",
    level: "mid",
    headcount: "1",
    responsibilities: "Build and maintain Spring Boot services for order management\n\
        Model data in PostgreSQL and keep migrations safe\n\
        Publish and consume domain events on Kafka\n\
        Write unit, contract and integration tests",
    skills: "Java | required | 10 | 2\nSpring Boot | required | 8 | 2\nPostgreSQL | required | 6\nDocker | required | 5\n\
        Hibernate | nice | 5\nKafka | nice | 5\nKubernetes | nice | 4\nMaven | nice | 3\nAWS | nice | 4",
    certifications: "Oracle Certified Professional: Java SE 17 Developer\nVMware Certified Spring Professional",
    salary: ("95000", "130000", "USD", "year"),
};

const DATA: Form = Form {
    title: "Data Engineer (Python, Spark, Airflow)",
    locations: "",
    remote: "remote",
    employment_type: "full_time",
    sourcing: "in_house",
    level: "senior",
    headcount: "1",
    responsibilities: "Build batch and streaming pipelines from our product databases to the warehouse\n\
        Own Airflow DAGs, their tests and their alerts\n\
        Model data with dbt for analytics and finance\n\
        Keep data quality, lineage and access controls in order",
    skills: "Python | required | 9 | 3\nSQL | required | 9 | 3\nApache Spark | required | 8 | 2\nAirflow | required | 7\n\
        dbt | nice | 5\nKafka | nice | 5\nSnowflake | nice | 4\nBigQuery | nice | 4\nAWS | nice | 5\n\
        Terraform | nice | 3",
    certifications: "Google Professional Data Engineer\nDatabricks Certified Data Engineer Associate\n\
        AWS Certified Data Engineer – Associate",
    salary: ("135000", "175000", "USD", "year"),
};

const SRE: Form = Form {
    title: "Site Reliability Engineer",
    locations: "Seattle, WA",
    remote: "hybrid",
    employment_type: "full_time",
    sourcing: "in_house",
    level: "senior",
    headcount: "1",
    responsibilities: "Run our Kubernetes clusters and PostgreSQL fleet with clear SLOs\n\
        Automate infrastructure with Terraform and review every change\n\
        Own monitoring, alerting and the on-call handbook\n\
        Lead blameless post-incident reviews",
    skills: "Linux | required | 9 | 3\nKubernetes | required | 9 | 3\nTerraform | required | 8\nAWS | required | 7\n\
        Prometheus | required | 6\nGo | nice | 6\nPython | nice | 5\nPostgreSQL | nice | 4\n\
        Incident management | nice | 5",
    certifications: "Certified Kubernetes Administrator (CKA)\nAWS Certified SysOps Administrator – Associate\n\
        HashiCorp Certified: Terraform Associate",
    salary: ("140000", "185000", "USD", "year"),
};

const JUNIOR: Form = Form {
    title: "Junior Backend Developer (Python)",
    locations: "New York, NY",
    remote: "hybrid",
    employment_type: "full_time",
    sourcing: "in_house",
    level: "junior",
    headcount: "2",
    responsibilities: "Build well-tested API endpoints with guidance from senior engineers\n\
        Fix bugs and improve logging in existing services\n\
        Write and review SQL queries and migrations\n\
        Take part in on-call shadowing and code review",
    skills: "Python | required | 10 | 0\nSQL | required | 6\nGit | required | 6\nREST APIs | required | 5\n\
        Django | nice | 6\nFlask | nice | 4\nFastAPI | nice | 4\nDocker | nice | 4\nLinux | nice | 4",
    certifications: "PCEP – Certified Entry-Level Python Programmer\n\
        PCAP – Certified Associate in Python Programming",
    salary: ("70000", "95000", "USD", "year"),
};

const NODE: Form = Form {
    title: "Node.js Backend Engineer (TypeScript)",
    locations: "",
    remote: "remote",
    employment_type: "contract",
    sourcing: "freelancer",
    level: "mid",
    headcount: "1",
    responsibilities: "Build the partner integrations service in TypeScript on Node.js\n\
        Design GraphQL and REST endpoints for partners\n\
        Hand over with documentation and tests at the end of the contract",
    skills: "Node.js | required | 10 | 2\nTypeScript | required | 9 | 2\nPostgreSQL | required | 6\nDocker | required | 5\n\
        Express | nice | 5\nNestJS | nice | 5\nGraphQL | nice | 4\nRedis | nice | 4\nAWS | nice | 4",
    certifications: "",
    salary: ("60", "90", "USD", "hour"),
};

const LEAD: Form = Form {
    title: "Lead Backend Engineer, Platform",
    locations: "New York, NY\nAustin, TX",
    remote: "hybrid",
    employment_type: "full_time",
    sourcing: "in_house",
    level: "lead",
    headcount: "1",
    responsibilities: "Lead the platform team of five backend engineers\n\
        Set the technical direction for shared services, data stores and messaging\n\
        Hire and grow engineers; run design reviews\n\
        Partner with product and SRE on reliability and cost",
    skills: "Distributed systems | required | 9 | 5\nGo | required | 8 | 3\nPostgreSQL | required | 7\n\
        Kubernetes | required | 7\nMentoring | required | 7\nKafka | nice | 6\nJava | nice | 4\nAWS | nice | 5",
    certifications: "",
    salary: ("150000", "200000", "USD", "year"),
};

fn role(
    spec: RequisitionSpec,
    status: RequisitionStatus,
    opened_days_ago: i64,
    ended_days_ago: Option<i64>,
    applicants: usize,
    team: &'static [&'static str],
) -> DemoRole {
    DemoRole { spec, status, opened_days_ago, ended_days_ago, applicants, team }
}

/// The ten requisitions, in the order they are created. `departments` are the ids of [`DEPARTMENTS`].
pub(super) fn catalogue(departments: &[DepartmentId; 3]) -> Result<Vec<DemoRole>, Invalid> {
    let [engineering, data, product] = *departments;
    use RequisitionStatus::*;

    let django =
        RequisitionSpec { department_id: Some(product), headcount: 2, ..django_backend().spec_for(Level::Mid) };
    let senior_django = RequisitionSpec {
        title: "Senior Python Django Backend Developer".into(),
        department_id: Some(product),
        headcount: 2,
        ..django_backend().spec_for(Level::Senior)
    };
    let php_python = RequisitionSpec {
        department_id: Some(product),
        sourcing: SourcingModel::Outsourced,
        ..php_python_backend().spec_for(Level::Mid)
    };
    Ok(vec![
        role(senior_django, Filled, 362, Some(205), 70, &[MORGAN, JORDAN]),
        role(NODE.spec(engineering)?, Closed, 350, Some(250), 40, &[TOMAS, AMARA]),
        role(JAVA.spec(engineering)?, Filled, 330, Some(150), 60, &[MORGAN, AMARA]),
        role(django, Open, 240, None, 120, &[MORGAN, JORDAN]),
        role(SRE.spec(data)?, OnHold, 200, Some(45), 45, &[PRIYA]),
        role(GO.spec(data)?, Open, 180, None, 70, &[PRIYA, JORDAN]),
        role(php_python, Open, 150, None, 75, &[TOMAS, AMARA]),
        role(DATA.spec(data)?, Open, 120, None, 60, &[PRIYA, AMARA]),
        role(JUNIOR.spec(engineering)?, Open, 90, None, 110, &[MORGAN, JORDAN]),
        role(LEAD.spec(data)?, Draft, 8, None, 0, &[PRIYA]),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> [DepartmentId; 3] {
        [DepartmentId::new(), DepartmentId::new(), DepartmentId::new()]
    }

    #[test]
    fn every_demo_requisition_is_valid_and_round_trips_through_the_form() {
        let roles = catalogue(&ids()).unwrap();
        assert_eq!(roles.len(), 10);
        for role in &roles {
            assert_eq!(RequisitionSpec::try_from(&role.spec.to_input()).unwrap(), role.spec, "{}", role.spec.title);
            assert!(role.team.iter().all(|email| STAFF.iter().any(|(e, _, _)| e == email)));
        }
    }

    #[test]
    fn the_demo_manager_and_interviewer_are_on_some_teams_but_not_all() {
        let roles = catalogue(&ids()).unwrap();
        for email in [MORGAN, JORDAN] {
            let on = roles.iter().filter(|r| r.team.contains(&email)).count();
            assert!(on >= 3 && on < roles.len(), "{email} is on {on} teams");
        }
    }
}
