#!/usr/bin/env bash
# Screenshots of khabar in real terminals under Xvfb, for docs/terminals/.
#
#   scripts/terminal_shots.sh TERMINAL WHAT OUT.png [KHABAR ARGS...]
#
# TERMINAL: xterm urxvt st alacritty kitty konsole qterminal mlterm sakura
#           tmux-xterm tmux-konsole tmux-sakura tmux-kitty (tmux in that terminal)
# WHAT:     render  (`khabar render seeds/001_94aff8d4bb34fe2c.txt`, then a shell)
#           browser (`khabar` on the seeds, with a store of its own)
# Every terminal gets DejaVu Sans Mono, about 11 points, 110x32 cells, at
# the top left of a 1200x720 screen; the PNG is cut to the window. Needs
# Xvfb, xwd, ImageMagick (convert), and the terminal (all in Debian).
# KHABAR (default target/release/khabar) is the binary to run. With
# DISPLAY_NUM set, that X display is used (and started if not running).
# KITTY_FORCE_LTR=1 runs kitty with `force_ltr yes` (what khabar advises).
set -euo pipefail

term=$1
what=$2
out=$3
shift 3
extra=("$@")

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${KHABAR:-$root/target/release/khabar}
disp=${DISPLAY_NUM:-77}
export DISPLAY=:$disp
scratch=$(mktemp -d)
trap 'kill "${term_pid:-}" 2>/dev/null || true; [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$scratch"' EXIT

if ! xdpyinfo >/dev/null 2>&1; then
    Xvfb ":$disp" -screen 0 1200x720x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
fi

# what runs in the terminal: khabar, then a shell's wait (the window stays)
export KHABAR_DATA=$scratch/data KHABAR_CONFIG=$scratch/config.toml
export HOME=$scratch XDG_CONFIG_HOME=$scratch/config
mkdir -p "$XDG_CONFIG_HOME"
cd "$root"
args=""
for a in "${extra[@]}"; do args+=" $(printf '%q' "$a")"; done
case $what in
    render) inner="$(printf '%q' "$bin") render$args seeds/001_94aff8d4bb34fe2c.txt; echo; exec sleep 600" ;;
    browser) inner="exec $(printf '%q' "$bin")$args" ;;
    *) echo "WHAT is render or browser" >&2; exit 2 ;;
esac
printf '%s\n' "$inner" > "$scratch/run.sh"
cmd=(bash "$scratch/run.sh")

font="DejaVu Sans Mono"
case $term in
    tmux-*)
        # tmux started in the terminal (its server has the terminal's
        # variables), khabar once the terminal is attached as its client
        outer=${term#tmux-}
        printf 'sleep 2\n%s\n' "$inner" > "$scratch/run.sh"
        tmux -L "shot$disp" -f /dev/null kill-server 2>/dev/null || true
        cmd=(tmux -L "shot$disp" -f /dev/null new-session "${cmd[*]}")
        term=$outer
        ;;
esac
case $term in
    xterm) xterm -geometry 110x32+0+0 -fa "$font" -fs 11 -e "${cmd[@]}" & ;;
    urxvt) urxvt -geometry 110x32+0+0 -fn "xft:$font:size=11" -e "${cmd[@]}" & ;;
    st) st -g 110x32+0+0 -f "$font:size=11" -e "${cmd[@]}" & ;;
    alacritty)
        LIBGL_ALWAYS_SOFTWARE=1 alacritty -o "font.normal.family=\"$font\"" -o font.size=11 \
            -o window.dimensions.columns=110 -o window.dimensions.lines=32 \
            -o window.position.x=0 -o window.position.y=0 -e "${cmd[@]}" & ;;
    kitty)
        LIBGL_ALWAYS_SOFTWARE=1 kitty --config NONE -o "font_family=$font" -o font_size=11 \
            -o remember_window_size=no -o initial_window_width=110c -o initial_window_height=32c \
            ${KITTY_FORCE_LTR:+-o force_ltr=yes} "${cmd[@]}" & ;;
    konsole)
        konsole --nofork --hide-menubar --hide-tabbar -p "Font=$font,11" \
            -qwindowgeometry 1000x660+0+0 -e "${cmd[@]}" & ;;
    qterminal)
        mkdir -p "$XDG_CONFIG_HOME/qterminal.org"
        printf '[General]\nfontFamily=%s\nfontSize=11\nMenuVisible=false\nTerminalMargin=0\n' "$font" \
            > "$XDG_CONFIG_HOME/qterminal.org/qterminal.ini"
        qterminal -qwindowgeometry 1000x660+0+0 -e "${cmd[*]}" & ;;
    mlterm) mlterm --geometry 110x32+0+0 --fontsize 14 --deffont "$font" -e "${cmd[@]}" & ;;
    sakura) sakura -f "$font 11" -c 110 -r 32 -x "${cmd[*]}" & ;;
    *) echo "unknown terminal $term" >&2; exit 2 ;;
esac
term_pid=$!
sleep "${SHOT_WAIT:-6}"
# the terminal's window, cut out of the screen
win=$(xdotool search --pid "$term_pid" 2>/dev/null | tail -1 || true)
if [ -n "$win" ] && geo=$(xwininfo -id "$win" 2>/dev/null); then
    w=$(echo "$geo" | awk '/Width:/ {print $2}')
    h=$(echo "$geo" | awk '/Height:/ {print $2}')
    x=$(echo "$geo" | awk '/Absolute upper-left X:/ {print $4}')
    y=$(echo "$geo" | awk '/Absolute upper-left Y:/ {print $4}')
    crop="${w}x${h}+${x}+${y}"
else
    crop="1200x720+0+0"
fi
xwd -root -silent | /usr/bin/convert xwd:- -crop "$crop" +repage -strip -colors 64 "$out"
[[ $term == tmux-* || -n "${outer:-}" ]] && tmux -L "shot$disp" kill-server 2>/dev/null || true
echo "$out ($crop)"
