#!/usr/bin/env bash
# What the browser does while nobody touches it.
#
#   scripts/bench_idle.sh STORE_DIR [KHABAR] [SECONDS]
#
# Starts KHABAR (default target/release/khabar) on the store in STORE_DIR
# (KHABAR_DATA) in a detached tmux at 160x50, waits for its first frame and
# 5 s more, then, with no key sent:
#   1. the CPU ticks it uses in SECONDS (default 10; utime + stime from
#      /proc/PID/stat, in clock ticks of 1/100 s), with nothing attached;
#   2. `strace -c -f -p PID` over the next SECONDS: every system call of every
#      thread, counted (a call that blocks through the window is not
#      counted: it never returns).
# The clock's minute boundaries are printed: at most one falls in each
# window, where the browser redraws its dates.
set -euo pipefail
store=$1
bin=${2:-$(cd "$(dirname "$0")/.." && pwd)/target/release/khabar}
window=${3:-10}
sock=khabar-idle-$$
scratch=$(mktemp -d)
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$scratch"' EXIT

tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 50 -s idle \
    "KHABAR_DATA=$store KHABAR_CONFIG=$scratch/none.toml exec $bin"
pid=$(tmux -L "$sock" list-panes -t idle -F '#{pane_pid}')
for _ in $(seq 300); do
    tmux -L "$sock" capture-pane -p -t idle | grep -q 'unread\|articles' && break
    sleep 0.1
done
sleep 5
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
t0=$(ticks)
echo "CPU window: $(date -u +%T) .. +$window s"
sleep "$window"
t1=$(ticks)
echo "pid $pid: $((t1 - t0)) CPU ticks in $window s (utime+stime, 1/100 s each); total since start $t1"
echo "strace window: $(date -u +%T) .. +$window s"
timeout -s INT "$window" strace -c -f -p "$pid" -o "$scratch/strace.txt" >/dev/null 2>&1 || true
cat "$scratch/strace.txt"
calls=$(awk '/^[ 0-9.]+ +[0-9]/ && $NF != "total" {n += $4} END {print n + 0}' "$scratch/strace.txt")
echo "system calls in $window s: $calls ($(awk -v c="$calls" -v w="$window" 'BEGIN {printf "%.1f", c / w}')/s)"
