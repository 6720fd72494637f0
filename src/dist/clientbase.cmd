@echo off
rem clientbase, portable: the API on its embedded MariaDB, with every byte of data in data\ beside
rem this script. Move or copy the whole folder and start it there: same data, same logins.
rem   clientbase.cmd                        start (log in as admin: see README.txt)
rem   clientbase.cmd reset-admin-password   a new password for the first ADMIN
rem   clientbase.cmd backup FILE ^| restore FILE ^| create-admin LOGIN ^| check ^| --help
setlocal
set "HERE=%~dp0"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA if exist "%HERE%jre\bin\java.exe" set "JAVA=%HERE%jre\bin\java.exe"
if not defined JAVA (
  where java >nul 2>nul && set "JAVA=java"
)
if not defined JAVA (
  echo clientbase: no Java found. Install a Java 17 or newer, set JAVA_HOME, or put one in %HERE%jre 1>&2
  exit /b 1
)
if not defined CLIENTBASE_DATA_DIR set "CLIENTBASE_DATA_DIR=%HERE%data"
if not defined JAVA_OPTS set "JAVA_OPTS=-Xmx512m"
"%JAVA%" %JAVA_OPTS% -jar "%HERE%clientbase.jar" %*
exit /b %ERRORLEVEL%
