#!/bin/sh
# clientbase, portable: the API on its embedded MariaDB, with every byte of data in ./data beside
# this script. Move or copy the whole folder (a USB stick, another machine of the same system) and
# start it there: same data, same logins. Admin commands pass through:
#   ./clientbase.sh                        start (log in as admin: see README.txt)
#   ./clientbase.sh reset-admin-password   a new password for the first ADMIN
#   ./clientbase.sh backup FILE | restore FILE | create-admin LOGIN | check | --help
HERE=$(cd "$(dirname "$0")" && pwd -P)
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
elif [ -x "$HERE/jre/bin/java" ]; then
  JAVA="$HERE/jre/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA=java
else
  echo "clientbase: no Java found. Install a Java 17 or newer (JDK or JRE), set JAVA_HOME, or put one in $HERE/jre" >&2
  exit 1
fi
MAJOR=$("$JAVA" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)
if [ -n "$MAJOR" ] && [ "$MAJOR" -lt 17 ] 2>/dev/null; then
  echo "clientbase: $JAVA is Java $MAJOR; clientbase needs Java 17 or newer (set JAVA_HOME)" >&2
  exit 1
fi
CLIENTBASE_DATA_DIR="${CLIENTBASE_DATA_DIR:-$HERE/data}"
export CLIENTBASE_DATA_DIR
# A start of the server loads its classes from a class-data archive (AppCDS) in class-data/ (about half the
# time to ready): made when the first start on this Java, jar and folder stops (Ctrl-C writes it, ~100 MB,
# a few seconds), used by every later start. A moved folder, another Java or another jar makes a new one and
# removes the old. Not for admin commands, nor when JAVA_OPTS chooses its own; CLIENTBASE_CLASS_DATA=off skips it.
ARCHIVE=""
case "${CLIENTBASE_CLASS_DATA:-on} ${JAVA_OPTS:-}" in
  off*|*Xshare*|*SharedArchive*|*ArchiveClasses*|*AOTCache*) ;;
  *)
    if [ $# -eq 0 ] && mkdir -p "$HERE/class-data" 2>/dev/null; then
      KEY=$({ "$JAVA" -version 2>&1; echo "$HERE"; ls -ln "$HERE/clientbase.jar"; } | cksum | cut -d ' ' -f 1)
      ARCHIVE="$HERE/class-data/clientbase-$KEY.jsa"
    fi
    ;;
esac
if [ -n "$ARCHIVE" ] && [ -s "$ARCHIVE" ]; then
  # shellcheck disable=SC2086
  exec "$JAVA" ${JAVA_OPTS:--Xmx512m} "-XX:SharedArchiveFile=$ARCHIVE" -jar "$HERE/clientbase.jar"
elif [ -n "$ARCHIVE" ]; then
  find "$HERE/class-data" -name 'clientbase-*.jsa' ! -name "clientbase-$KEY.jsa" -exec rm -f {} + 2>/dev/null
  # shellcheck disable=SC2086
  exec "$JAVA" ${JAVA_OPTS:--Xmx512m} "-XX:ArchiveClassesAtExit=$ARCHIVE" -Xlog:cds=error -Xlog:cds+dynamic=error \
    -jar "$HERE/clientbase.jar"
fi
# shellcheck disable=SC2086
exec "$JAVA" ${JAVA_OPTS:--Xmx512m} -jar "$HERE/clientbase.jar" "$@"
