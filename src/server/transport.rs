//! A guard in front of tower-lsp-server's reader.
//!
//! tower-lsp-server's framed reader stops for good at the first message it
//! cannot decode (tokio-util ends a framed stream after a decoder error), so
//! one malformed message would silently end the session. This pump reads the
//! frames itself and passes on only well-formed JSON-RPC objects; anything
//! else becomes a `pyqual/malformedMessage` notification that the server
//! logs, and the session goes on.

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// The method the pump substitutes for a message it could not accept.
pub const MALFORMED: &str = "pyqual/malformedMessage";

/// Bodies larger than this are skipped (and reported) instead of buffered.
const MAX_BODY: usize = 512 * 1024 * 1024;

/// Copies LSP frames from `input` to `output` until `input` ends, replacing
/// each malformed one by a [`MALFORMED`] notification.
pub async fn pump(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) -> std::io::Result<()> {
    let mut input = BufReader::new(input);
    loop {
        let mut length = None;
        let mut saw_header = false;
        loop {
            let mut line = String::new();
            if input.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                }
            }
        }
        let replacement = match length {
            None => Some(malformed("a message without a valid Content-Length header")),
            Some(length) if length > MAX_BODY => {
                tokio::io::copy(&mut (&mut input).take(length as u64), &mut tokio::io::sink()).await?;
                Some(malformed(&format!("a {length}-byte message (more than the {MAX_BODY}-byte limit)")))
            }
            Some(length) => {
                let mut body = vec![0; length];
                input.read_exact(&mut body).await?;
                match serde_json::from_slice::<Value>(&body) {
                    Ok(Value::Object(object)) if object.get("jsonrpc") == Some(&json!("2.0")) => {
                        write_frame(&mut output, &body).await?;
                        None
                    }
                    Ok(_) => Some(malformed("a message that is not a JSON-RPC 2.0 object (batches are not supported)")),
                    Err(error) => Some(malformed(&format!("a message that is not JSON ({error})"))),
                }
            }
        };
        if let Some(notification) = replacement {
            write_frame(&mut output, notification.as_bytes()).await?;
        }
    }
}

fn malformed(what: &str) -> String {
    json!({"jsonrpc": "2.0", "method": MALFORMED, "params": {"error": format!("ignored {what}")}}).to_string()
}

async fn write_frame(output: &mut (impl AsyncWrite + Unpin), body: &[u8]) -> std::io::Result<()> {
    output.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await?;
    output.write_all(body).await?;
    output.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn malformed_frames_become_notifications_and_good_ones_pass() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = [frame("{ not json"), frame("[1, 2]"), "X-Junk: 1\r\n\r\n".to_string(), frame(good)].concat();
        let mut output = Vec::new();
        pump(input.as_bytes(), &mut output).await.unwrap();
        let output = String::from_utf8(output).unwrap();
        assert_eq!(output.matches(MALFORMED).count(), 3, "{output}");
        assert!(output.ends_with(&frame(good)), "{output}");
    }
}
