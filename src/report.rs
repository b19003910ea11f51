//! What khabar says on stderr: `khabar: ` and the message, each line through
//! the one sanitizer (controls shown, long values cut), whatever the
//! message holds (a file name, a URL, a config value, an error). Every
//! message ends its line, and is written in one piece: two never share a
//! line. A stderr that is closed is no reason to stop (nor to panic).

use crate::text::safety::value;

/// Say `message` on stderr.
pub fn say(message: &str) {
    let mut out = String::new();
    for line in message.lines() {
        out.push_str("khabar: ");
        out.push_str(&value(line));
        out.push('\n');
    }
    if message.is_empty() {
        out.push_str("khabar:\n");
    }
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(out.as_bytes());
}

/// Write `line` on stderr as it is (a summary a script reads, such as
/// `add`'s), ending its line; a closed stderr is ignored.
pub fn line(line: &str) {
    use std::io::Write;
    let mut s = crate::text::safety::sanitize(line);
    s.push('\n');
    let _ = std::io::stderr().lock().write_all(s.as_bytes());
}
