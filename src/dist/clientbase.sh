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
# shellcheck disable=SC2086
exec "$JAVA" ${JAVA_OPTS:--Xmx512m} -jar "$HERE/clientbase.jar" "$@"
