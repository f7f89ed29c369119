#!/bin/sh
# CalendarBot Lite: install this distribution as a supervised service (Raspberry Pi OS Lite, Debian), upgrade it in
# place, or remove it. Run as root from the unpacked archive:
#   sudo ./install.sh [--ics-url URL] [--kiosk]     install, or upgrade keeping configuration and data
#   sudo ./install.sh --uninstall [--purge]         remove what it added (--purge: configuration, data, user too)
# Options:
#   --ics-url URL   the calendar to show (CALENDARBOT_ICS_URL in /etc/calendarbot/calendarbot.env); asked for when
#                   the terminal is interactive and none is set yet (empty: the demo calendar)
#   --kiosk         the display too: console autologin of a kiosk user on tty1 starting cage + Chromium in kiosk
#                   mode on the wall, screen blanking off
#   --root DIR      install into DIR instead of / (tests, images): no apt-get, users, ownership or systemctl
# Running it twice changes nothing; every change it makes is said on one line.
set -eu

HOME_DIR=/opt/calendarbot
CONFIG_DIR=/etc/calendarbot
DATA_DIR=/var/lib/calendarbot
UNIT=/etc/systemd/system/calendarbot.service
USER_NAME=calendarbot
KIOSK_USER=calendarbot-kiosk
KIOSK_HOME=/var/lib/calendarbot-kiosk
AUTOLOGIN=/etc/systemd/system/getty@tty1.service.d/calendarbot-kiosk.conf
STATE=$HOME_DIR/install.state
# what the distribution ships into HOME_DIR and an upgrade replaces (deploy/ is the owner's)
SHIPPED="bin lib bundle configs systemd"

SOURCE=$(cd "$(dirname "$0")" && pwd)
ROOT=""
ICS_URL=""
KIOSK=no
UNINSTALL=no
PURGE=no
CHANGED=no

say() { echo "calendarbot: $*"; }
fail() { echo "calendarbot: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --ics-url) [ $# -ge 2 ] || fail "--ics-url needs a URL"; ICS_URL="$2"; shift 2 ;;
    --ics-url=*) ICS_URL="${1#--ics-url=}"; shift ;;
    --kiosk) KIOSK=yes; shift ;;
    --root) [ $# -ge 2 ] || fail "--root needs a folder"; ROOT=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --uninstall) UNINSTALL=yes; shift ;;
    --purge) PURGE=yes; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
done

# on the real system only
system() { [ -z "$ROOT" ]; }
if system && [ "$(id -u)" != 0 ]; then
  fail "run it as root: sudo $0"
fi

# ---------------------------------------------------------------- small steps, each idempotent

# copies a file when its content differs (atomically); mode as given; "quiet": counted, not said
WRITTEN=0
put() { # src dst mode [quiet]
  if [ ! -f "$ROOT$2" ] || ! cmp -s "$1" "$ROOT$2"; then
    mkdir -p "$(dirname "$ROOT$2")"
    cp "$1" "$ROOT$2.new" && mv "$ROOT$2.new" "$ROOT$2"
    if [ $# -lt 4 ]; then say "wrote $2"; fi
    WRITTEN=$((WRITTEN + 1))
    CHANGED=yes
  fi
  mode "$3" "$2"
}

# writes text to a file when it differs
write() { # dst mode text
  tmp=$(mktemp)
  printf '%s' "$3" > "$tmp"
  put "$tmp" "$1" "$2"
  rm -f "$tmp"
}

mode() { # mode path
  if [ "$(stat -c %a "$ROOT$2")" != "$1" ]; then chmod "$1" "$ROOT$2"; fi
}

folder() { # path mode [owner]
  if [ ! -d "$ROOT$1" ]; then mkdir -p "$ROOT$1"; say "made $1"; CHANGED=yes; fi
  mode "$2" "$1"
  if [ $# -ge 3 ] && system && [ "$(stat -c %U:%G "$1")" != "$3" ]; then chown "$3" "$1"; fi
}

remove() { # path
  if [ -e "$ROOT$1" ] || [ -L "$ROOT$1" ]; then rm -rf "$ROOT$1"; say "removed $1"; fi
}

remember() { grep -qxF "$1" "$ROOT$STATE" 2>/dev/null || echo "$1" >> "$ROOT$STATE"; }
remembered() { grep -qxF "$1" "$ROOT$STATE" 2>/dev/null; }

# the env file's value of a variable, or nothing
env_value() { sed -n "s/^$1=//p" "$ROOT$CONFIG_DIR/calendarbot.env" 2>/dev/null | tail -n 1 | sed 's/^"\(.*\)"$/\1/'; }

# ---------------------------------------------------------------- uninstall

if [ "$UNINSTALL" = yes ]; then
  if system && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now calendarbot.service 2>/dev/null || true
    if remembered "kiosk"; then systemctl disable calendarbot-kiosk.service 2>/dev/null || true; fi
  fi
  for f in "$ROOT"/boot/firmware/cmdline.txt "$ROOT"/boot/cmdline.txt; do
    if [ -f "$f" ] && remembered "cmdline ${f#"$ROOT"}"; then
      sed -i 's/ consoleblank=0//' "$f"
      say "screen blanking as before in ${f#"$ROOT"}"
    fi
  done
  remove "$AUTOLOGIN"
  rmdir "$ROOT$(dirname "$AUTOLOGIN")" 2>/dev/null || true
  remove "$UNIT"
  if remembered "kiosk"; then remove "$KIOSK_HOME"; fi
  if system; then systemctl daemon-reload 2>/dev/null || true; fi
  if remembered "kiosk-user" && system; then userdel "$KIOSK_USER" 2>/dev/null && say "removed user $KIOSK_USER"; fi
  if remembered "jre"; then
    say "openjdk-17-jre-headless was installed for CalendarBot; remove it with apt-get remove if nothing else needs it"
  fi
  purge_user=no
  remembered "user" && purge_user=yes
  remove "$HOME_DIR"
  if [ "$PURGE" = yes ]; then
    remove "$CONFIG_DIR"
    remove "$DATA_DIR"
    if [ "$purge_user" = yes ] && system; then userdel "$USER_NAME" 2>/dev/null && say "removed user $USER_NAME"; fi
  else
    say "kept the configuration in $CONFIG_DIR and the data in $DATA_DIR (--uninstall --purge removes them too)"
  fi
  say "uninstalled"
  exit 0
fi

# ---------------------------------------------------------------- install or upgrade

if [ ! -f "$SOURCE/bin/calendarbot" ] || [ ! -d "$SOURCE/bundle" ]; then
  fail "run install.sh from an unpacked calendarbot-<profile> folder"
fi
PROFILE=$(cat "$SOURCE/profile")
if [ -f "$ROOT$HOME_DIR/profile" ]; then UPGRADE=yes; else UPGRADE=no; fi

# a Java 17 runtime (Debian's and Raspberry Pi OS's openjdk-17-jre-headless)
if system; then
  release=0
  if command -v java >/dev/null 2>&1; then
    release=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  if [ "${release%%.*}" -lt 17 ] 2>/dev/null || [ "$release" = 0 ]; then
    say "installing openjdk-17-jre-headless"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    CHANGED=yes
    JRE_ADDED=yes
  fi
fi

# the user the service runs as: no login, its home is the data folder
if system && ! id "$USER_NAME" >/dev/null 2>&1; then
  useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$USER_NAME"
  say "made user $USER_NAME"
  CHANGED=yes
  USER_ADDED=yes
fi

# the program: what the distribution ships, nothing else (a bundle no longer shipped goes)
folder "$HOME_DIR" 755
list=$(mktemp)
for part in $SHIPPED; do
  (cd "$SOURCE" && find "$part" -type f) | sort > "$list"
  while read -r f; do
    case "$f" in bin/*) m=755 ;; *) m=644 ;; esac
    put "$SOURCE/$f" "$HOME_DIR/$f" "$m" quiet
  done < "$list"
  (cd "$ROOT$HOME_DIR" && find "$part" -type f) | sort > "$list"
  while read -r f; do
    if [ ! -f "$SOURCE/$f" ]; then rm -f "$ROOT$HOME_DIR/$f"; say "removed $HOME_DIR/$f"; CHANGED=yes; fi
  done < "$list"
  find "$ROOT$HOME_DIR/$part" -type d ! -perm 755 -exec chmod 755 {} +
done
rm -f "$list"
put "$SOURCE/profile" "$HOME_DIR/profile" 644 quiet
put "$SOURCE/install.sh" "$HOME_DIR/install.sh" 755 quiet
if [ "$WRITTEN" -gt 0 ]; then say "wrote $WRITTEN files of the $PROFILE distribution into $HOME_DIR"; fi
folder "$HOME_DIR/deploy" 755

# configuration (root's, readable by the service) and data (the service's only writable folder)
folder "$CONFIG_DIR" 750 root:"$USER_NAME"
folder "$DATA_DIR" 750 "$USER_NAME:$USER_NAME"
ENV_FILE=$CONFIG_DIR/calendarbot.env
if [ ! -f "$ROOT$ENV_FILE" ]; then
  write "$ENV_FILE" 640 "# CalendarBot settings, KEY=value (see README): the environment's CALENDARBOT_* win over these.
# CALENDARBOT_ICS_URL=https://outlook.office365.com/owa/calendar/.../calendar.ics
# CALENDARBOT_ICS_URL_HOME=webcal://p01-caldav.icloud.com/published/2/...
# CALENDARBOT_DEFAULT_TIMEZONE=Europe/Berlin
# CALENDARBOT_WEB_HOST=127.0.0.1
# CALENDARBOT_WEB_PORT=8080
"
fi
if system && [ "$(stat -c %U:%G "$ENV_FILE")" != "root:$USER_NAME" ]; then chown root:"$USER_NAME" "$ENV_FILE"; fi
if [ -z "$ICS_URL" ] && [ -z "$(env_value CALENDARBOT_ICS_URL)" ] && [ "$UPGRADE" = no ] && [ -t 0 ] && system; then
  printf 'calendarbot: your calendar'"'"'s ICS (or webcal) URL, empty for the demo calendar: '
  read -r ICS_URL || ICS_URL=""
fi
if [ -n "$ICS_URL" ]; then
  case "$ICS_URL" in https://*|http://*|webcal://*|webcals://*|file:*) ;;
    *) fail "--ics-url: the calendar URL must start with https://, http://, webcal://, webcals:// or file:" ;;
  esac
  if [ "$(env_value CALENDARBOT_ICS_URL)" != "$ICS_URL" ]; then
    tmp=$(mktemp)
    grep -v '^CALENDARBOT_ICS_URL=' "$ROOT$ENV_FILE" > "$tmp" || true
    echo "CALENDARBOT_ICS_URL=$ICS_URL" >> "$tmp"
    cat "$tmp" > "$ROOT$ENV_FILE"
    rm -f "$tmp"
    say "set CALENDARBOT_ICS_URL in $ENV_FILE"
    CHANGED=yes
  fi
fi

# the unit, pointing at these folders
tmp=$(mktemp)
sed -e "s|@HOME@|$HOME_DIR|g" -e "s|@CONFIG@|$CONFIG_DIR|g" -e "s|@DATA@|$DATA_DIR|g" "$SOURCE/systemd/calendarbot.service" > "$tmp"
put "$tmp" "$UNIT" 644
rm -f "$tmp"

# what uninstall removes besides the files (remembered across upgrades)
if [ "${USER_ADDED:-no}" = yes ]; then remember "user"; fi
if [ "${JRE_ADDED:-no}" = yes ]; then remember "jre"; fi

port=$(env_value CALENDARBOT_WEB_PORT)

# ---------------------------------------------------------------- the display (--kiosk)

if [ "$KIOSK" = yes ]; then
  if system; then
    missing=""
    command -v cage >/dev/null 2>&1 || missing="cage"
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$missing chromium"
    if [ -n "$missing" ]; then
      say "installing$missing"
      # shellcheck disable=SC2086 # one word per package
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    fi
    if ! id "$KIOSK_USER" >/dev/null 2>&1; then
      useradd --system --user-group --create-home --home-dir "$KIOSK_HOME" --shell /bin/bash \
        --groups video,render,input,audio "$KIOSK_USER" 2>/dev/null \
        || useradd --system --user-group --create-home --home-dir "$KIOSK_HOME" --shell /bin/bash "$KIOSK_USER"
      say "made user $KIOSK_USER"
      remember "kiosk-user"
    fi
  fi
  folder "$KIOSK_HOME" 755
  write "$KIOSK_HOME/start-kiosk" 755 "#!/bin/sh
# The wall: cage (a Wayland kiosk compositor) with Chromium in kiosk mode on the CalendarBot page.
browser=\$(command -v chromium || command -v chromium-browser)
exec cage -s -- \"\$browser\" --kiosk --noerrdialogs --disable-infobars --no-first-run \\
  --disable-session-crashed-bubble --check-for-update-interval=31536000 --ozone-platform=wayland \\
  http://localhost:${port:-8080}/
"
  write "$KIOSK_HOME/.bash_profile" 644 "# started by the console autologin on tty1 (CalendarBot's install.sh --kiosk)
if [ \"\$(tty)\" = /dev/tty1 ]; then exec $KIOSK_HOME/start-kiosk; fi
"
  write "$AUTOLOGIN" 644 "[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin $KIOSK_USER --noclear %I \$TERM
"
  if system; then chown -R "$KIOSK_USER:$KIOSK_USER" "$KIOSK_HOME"; fi
  # screen blanking off: the console's (kernel) blanking; cage itself never blanks
  for f in "$ROOT"/boot/firmware/cmdline.txt "$ROOT"/boot/cmdline.txt; do
    if [ -f "$f" ] && ! [ -L "$f" ]; then
      if ! grep -q 'consoleblank=0' "$f"; then
        sed -i '1 s/$/ consoleblank=0/' "$f"
        say "screen blanking off in ${f#"$ROOT"} (from the next boot)"
        remember "cmdline ${f#"$ROOT"}"
        CHANGED=yes
      fi
      break
    fi
  done
  remember "kiosk"
fi

# ---------------------------------------------------------------- start

if [ "$UPGRADE" = yes ] && [ "$CHANGED" = yes ]; then
  # the AppCDS archive was made from the old jars: the next start records a new one
  rm -f "$ROOT$DATA_DIR"/cds-*.jsa
fi
if system; then
  systemctl daemon-reload
  if [ "$UPGRADE" = no ]; then
    systemctl enable --now calendarbot.service
    say "installed the $PROFILE profile; the wall is at http://localhost:${port:-8080}/ (systemctl status calendarbot)"
  elif [ "$CHANGED" = yes ]; then
    systemctl restart calendarbot.service
    say "upgraded to this $PROFILE distribution; configuration and data kept"
  else
    systemctl is-enabled --quiet calendarbot.service || systemctl enable --now calendarbot.service
  fi
  if [ "$KIOSK" = yes ]; then
    say "the display starts on tty1 at the next boot (or now: systemctl restart getty@tty1)"
  fi
fi
if [ "$CHANGED" = no ]; then say "nothing to change"; fi
