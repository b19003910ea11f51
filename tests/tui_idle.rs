//! The browser uses no CPU when nothing changes: in a real terminal
//! (tmux), once its first frame is drawn and its work in the background
//! is done, none of its threads wakes (no context switch, which every
//! system call that waits or any timer would cost) until a key, a resize
//! or the next minute of the clock; a key and a resize are answered.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::tmux::{Tmux, khabar_cmd};

/// Context switches of every thread of `pid`, and its CPU ticks.
fn wakeups_and_ticks(pid: u32) -> (u64, u64) {
    let mut switches = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let status =
            std::fs::read_to_string(task.unwrap().path().join("status")).unwrap_or_default();
        for line in status.lines() {
            if let Some(v) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                switches += v.trim().parse::<u64>().unwrap();
            }
        }
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // the fields after the command's closing parenthesis: utime, stime are
    // the 12th and 13th
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    (switches, ticks)
}

/// Seconds into the current minute.
fn second_of_minute() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        % 60
}

#[test]
fn idle_it_makes_no_wakeup_and_a_key_or_a_resize_still_reach_it() {
    let t = Tmux::start("idle", &khabar_cmd("", ""), 100, 30);
    t.wait_for("the list", |s| {
        s.contains("Articles (2)") && s.contains("People (")
    });
    let pid = t.khabar_pid();
    // the window measured does not cross a minute of the clock
    while second_of_minute() > 50 {
        std::thread::sleep(Duration::from_millis(500));
    }
    std::thread::sleep(Duration::from_secs(1));
    let before = wakeups_and_ticks(pid);
    std::thread::sleep(Duration::from_secs(5));
    let after = wakeups_and_ticks(pid);
    assert_eq!(
        (after.0 - before.0, after.1 - before.1),
        (0, 0),
        "context switches and CPU ticks in 5 idle seconds"
    );
    // and it still answers
    t.keys("j");
    t.wait_for("the second article", |s| s.contains(" 2/2 "));
    t.resize(70, 24);
    t.wait_for("the narrow layout", |s| {
        !s.contains("Facts") && s.lines().count() >= 24
    });
    t.quit();
}
