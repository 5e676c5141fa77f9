//! Two `hired serve` nodes on one PostgreSQL database: a profile written to it reaches both
//! nodes' matching indexes within a second, by their own following of the change log (seen in
//! `/metrics`, which does not make them catch up), and rediscovery on both finds it.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use hired_domain::profile::{Profile, ProfileSkill};
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_domain::{AttachmentId, Email};
use hired_store::{ReadResume, Store};
use support::Server;

/// GET with a bearer token; the status and body.
fn api_get(addr: &str, path: &str, token: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    (status, body)
}

/// How many people the node's matching index holds, from `/metrics`.
fn indexed(addr: &str) -> usize {
    let Ok(mut stream) = TcpStream::connect(addr) else { return 0 };
    let _ = write!(stream, "GET /metrics HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let mut text = String::new();
    let _ = stream.read_to_string(&mut text);
    text.lines()
        .find(|l| l.starts_with("hired_matching_people "))
        .and_then(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .unwrap_or(0.0) as usize
}

fn found_names(addr: &str, path: &str, token: &str) -> Vec<String> {
    let (status, body) = api_get(addr, path, token);
    assert_eq!(status, 200, "{body}");
    let body = body.trim();
    // The answer may be chunked: the JSON object is between the first '{' and the last '}'.
    let json = &body[body.find('{').unwrap()..=body.rfind('}').unwrap()];
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    doc["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn both_nodes_index_a_profile_written_to_their_database_within_a_second() {
    let url = hired_store::testing::create_postgres_database().await;
    let setup = tempfile::tempdir().unwrap();
    let store = Store::open(Some(&url), setup.path()).await.unwrap();
    let admin =
        store.create_user(&Email::parse("admin@example.com").unwrap(), "Admin", Role::Admin, None).await.unwrap();
    let (token, _) = store.create_token(admin.id, "nodes").await.unwrap();
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Server::start(&["--database-url", &url, "--data-dir", dir_a.path().to_str().unwrap()]);
    let b = Server::start(&["--database-url", &url, "--data-dir", dir_b.path().to_str().unwrap()]);
    let path = format!("/api/v1/requisitions/{}/rediscovery", req.id);
    assert!(found_names(&a.addr, &path, &token).is_empty());
    assert!(found_names(&b.addr, &path, &token).is_empty());

    let mut details = hired_domain::candidate::CandidateDetails {
        name: "Ada Lovelace".into(),
        email: Some(Email::parse("ada@example.com").unwrap()),
        phone: None,
        location: Some("Berlin".into()),
        github: None,
        linkedin: None,
        portfolio: None,
        tags: Vec::new(),
        source: None,
    };
    details.tags.push("python".into());
    let written = Instant::now();
    let c = store.create_candidate(Some(&admin), details).await.unwrap();
    let profile = Profile {
        skills: vec![ProfileSkill { name: "Django".into(), category: "framework".into(), years: Some(4.0) }],
        total_years: Some(4.0),
        ..Profile::default()
    };
    let file = store.add_attachment(&admin, c.id, "cv.txt", b"Ada Lovelace, Django").await.unwrap();
    store
        .save_profile(c.id, AttachmentId(file.id), Ok(ReadResume { profile: &profile, warnings: &[], text: "Ada" }), 1)
        .await
        .unwrap();
    let deadline = written + Duration::from_secs(5);
    while [&a, &b].iter().any(|node| indexed(&node.addr) < 1) {
        assert!(Instant::now() < deadline, "the nodes did not pick up the change");
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = written.elapsed();
    eprintln!("indexed on both nodes {took:?} after the write");
    assert!(took < Duration::from_secs(1), "indexed on both nodes {took:?} after the write");
    for node in [&a, &b] {
        let names = found_names(&node.addr, &path, &token);
        assert_eq!(names, ["Ada Lovelace"], "node {} finds it", node.addr);
    }
}
