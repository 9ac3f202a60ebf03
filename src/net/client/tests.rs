//! The client's pure parts: headers, limits, charsets and what each error says.

use super::*;

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

#[test]
fn production_defaults_match_the_reliability_settings() {
    let c = FetchConfig::default();
    assert_eq!(c.connect_timeout, Duration::from_secs(10));
    assert_eq!(c.read_timeout, Duration::from_secs(15));
    assert_eq!(c.total_timeout, Duration::from_secs(30));
    assert_eq!(c.max_body, 16 * 1024 * 1024);
    assert_eq!(c.max_redirects, 5);
    // With a home to find it in, the cache directory; none without.
    if let Some(spill) = &c.spill {
        assert_eq!(spill.after, 1024 * 1024);
        assert!(spill.dir.ends_with("liveblog"), "{spill:?}");
    }
    assert_eq!(
        c.user_agent,
        format!(
            "liveblog/{} (+terminal live-blog reader)",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn redirects_stop_after_the_limit() {
    let hops: Vec<Url> = (0..=5)
        .map(|i| url(&format!("https://a.test/{i}")))
        .collect();
    let next = url("https://a.test/next");
    for followed in 1..=5 {
        assert_eq!(check_redirect(&hops[..followed], &next, 5), Ok(()));
    }
    assert_eq!(
        check_redirect(&hops[..6], &next, 5),
        Err(RedirectRefusal::TooMany)
    );
    assert_eq!(
        check_redirect(&hops[..1], &next, 0),
        Err(RedirectRefusal::TooMany)
    );
}

#[test]
fn https_to_http_is_refused_even_later_in_the_chain() {
    let https = url("https://a.test/");
    let http = url("http://a.test/");
    assert_eq!(
        check_redirect(std::slice::from_ref(&https), &http, 5),
        Err(RedirectRefusal::Downgrade)
    );
    assert_eq!(
        check_redirect(&[https.clone(), url("https://b.test/")], &http, 5),
        Err(RedirectRefusal::Downgrade)
    );
    // Upgrades and plain-http chains are fine.
    assert_eq!(
        check_redirect(std::slice::from_ref(&http), &https, 5),
        Ok(())
    );
    assert_eq!(
        check_redirect(std::slice::from_ref(&http), &http, 5),
        Ok(())
    );
}

#[test]
fn an_api_key_never_follows_a_redirect_to_another_host() {
    let first = url("https://content.guardianapis.com/x?api-key=K");
    assert_eq!(
        check_redirect(
            std::slice::from_ref(&first),
            &url("https://evil.test/x?api-key=K"),
            5
        ),
        Err(RedirectRefusal::KeyToOtherHost)
    );
    assert_eq!(
        check_redirect(
            std::slice::from_ref(&first),
            &url("https://evil.test/x?API-KEY=K"),
            5
        ),
        Err(RedirectRefusal::KeyToOtherHost)
    );
    // Same host keeps its key; another host without the key is fine.
    assert_eq!(
        check_redirect(
            std::slice::from_ref(&first),
            &url("https://content.guardianapis.com/y?api-key=K"),
            5
        ),
        Ok(())
    );
    assert_eq!(
        check_redirect(
            std::slice::from_ref(&first),
            &url("https://other.test/y"),
            5
        ),
        Ok(())
    );
}

#[test]
fn redirects_to_other_schemes_are_refused() {
    let first = url("https://a.test/");
    for target in ["file:///etc/passwd", "ftp://a.test/x", "data:text/plain,x"] {
        assert_eq!(
            check_redirect(std::slice::from_ref(&first), &url(target), 5),
            Err(RedirectRefusal::Scheme),
            "{target}"
        );
    }
}

#[test]
fn declared_charsets_other_than_utf8_are_converted() {
    let latin1 = b"caf\xe9".to_vec();
    assert_eq!(
        to_utf8(latin1.clone(), Some("text/plain; charset=ISO-8859-1")),
        "café".as_bytes()
    );
    assert_eq!(
        to_utf8(latin1.clone(), Some("text/plain;Charset=\"latin1\"")),
        "café".as_bytes()
    );
    // Undeclared, UTF-8 or unknown: left as bytes for the parser to judge.
    assert_eq!(to_utf8(latin1.clone(), Some("text/plain")), latin1);
    assert_eq!(to_utf8(latin1.clone(), None), latin1);
    assert_eq!(
        to_utf8(latin1.clone(), Some("text/plain; charset=utf-8")),
        latin1
    );
    assert_eq!(
        to_utf8(latin1.clone(), Some("text/plain; charset=klingon")),
        latin1
    );
    // A UTF-8 BOM wins over a wrong label.
    assert_eq!(
        to_utf8(
            b"\xEF\xBB\xBFcaf\xC3\xA9".to_vec(),
            Some("text/plain; charset=iso-8859-1")
        ),
        "café".as_bytes()
    );
}

#[test]
fn every_error_is_one_line_with_a_class() {
    let errors = [
        FetchError::Timeout,
        FetchError::Connect(REFUSED.into()),
        FetchError::Connect("dns error".into()),
        FetchError::Tls("invalid peer certificate".into()),
        FetchError::Status {
            code: 429,
            retry_after: Some(Duration::from_secs(120)),
        },
        FetchError::Status {
            code: 429,
            retry_after: None,
        },
        FetchError::Status {
            code: 404,
            retry_after: None,
        },
        FetchError::Status {
            code: 502,
            retry_after: None,
        },
        FetchError::Status {
            code: 418,
            retry_after: None,
        },
        FetchError::TooLarge { limit: 16 },
        FetchError::TooManyRedirects,
        RedirectRefusal::Downgrade.into(),
        RedirectRefusal::KeyToOtherHost.into(),
        FetchError::Body("connection reset".into()),
        FetchError::Invalid("x".into()),
    ];
    for e in &errors {
        let text = e.to_string();
        assert!(!text.contains('\n') && !text.is_empty(), "{text:?}");
        assert!(!e.class().is_empty());
    }
    assert_eq!(errors[0].class(), "timeout");
    assert_eq!(errors[1].class(), "connection refused");
    assert_eq!(errors[4].class(), "HTTP 429");
    assert_eq!(
        errors[4].said(Retry::Scheduled),
        "rate limited (HTTP 429), the server asks to wait 120 s; polling will slow down"
    );
    assert_eq!(errors[4].retry_after(), Some(Duration::from_secs(120)));
    assert!(errors[5].is_rate_limited());
    assert_eq!(errors[7].class(), "HTTP 502");
    assert_eq!(errors[8].class(), "HTTP 4xx");
    assert_eq!(
        errors[12].to_string(),
        "refused a redirect that would send the API key to another host; open the final \
         address directly if you trust it"
    );
}

#[test]
fn only_a_failure_that_will_be_retried_says_so() {
    let retried = [
        FetchError::Timeout,
        FetchError::Body("connection reset".into()),
        FetchError::Status {
            code: 500,
            retry_after: None,
        },
        FetchError::Status {
            code: 429,
            retry_after: Some(Duration::from_secs(30)),
        },
    ];
    for e in &retried {
        let once = e.to_string();
        assert_eq!(e.said(Retry::Unscheduled), once);
        assert!(
            !once.contains("retried") && !once.contains("polling"),
            "{once}"
        );
        assert!(once.contains("try again"), "says what to do: {once}");
        let polled = e.said(Retry::Scheduled);
        assert!(
            polled.contains("it will be retried") || polled.contains("polling will slow"),
            "{polled}"
        );
    }
    assert_eq!(
        retried[2].to_string(),
        "server error (HTTP 500); try again later"
    );
    let never = FetchError::Status {
        code: 404,
        retry_after: None,
    };
    assert_eq!(never.said(Retry::Scheduled), never.to_string());
}
