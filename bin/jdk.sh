# shellcheck shell=bash
# Sourced helper: finds a JDK 21 or newer and exports
#   WEFT_JAVA        path to its java binary
#   WEFT_JAVA_MAJOR  its feature version (21, 25, ...)
#
# Order: $JAVA_HOME if it is 21+, then `java` on PATH if 21+, then the newest 21+ JDK under
# /usr/lib/jvm, /usr/java, ~/.sdkman/candidates/java, /opt/java (judged by its `release` file).
# Set WEFT_JAVA yourself to skip the search; WEFT_JDK_ROOTS (colon-separated) replaces the list of
# install locations. If none is found, it says what to install and exits 1 (returns 1 in an
# interactive shell).

weft_jdk_min=21

# Feature version from a JAVA_VERSION string: "25.0.3" -> 25, "21" -> 21, "1.8.0_412" -> 8.
weft_jdk_major_of() {
    local v=${1#\"}
    v=${v%\"}
    case $v in
        1.*) v=${v#1.} ;;
    esac
    v=${v%%[!0-9]*}
    printf '%s\n' "${v:-0}"
}

# Feature version of a JDK home from its release file (empty if there is none).
weft_jdk_major_of_home() {
    local home=$1 line
    [[ -f $home/release && -x $home/bin/java ]] || return 1
    line=$(grep -m1 '^JAVA_VERSION=' "$home/release" 2>/dev/null) || return 1
    weft_jdk_major_of "${line#JAVA_VERSION=}"
}

# Feature version of a java binary, by asking it.
weft_jdk_major_of_bin() {
    local bin=$1 line
    line=$("$bin" -version 2>&1 | grep -m1 -E 'version "[^"]+"') || return 1
    line=${line#*version \"}
    weft_jdk_major_of "${line%%\"*}"
}

weft_find_jdk() {
    local major bin home root best_major=0 best_bin=""
    local roots=${WEFT_JDK_ROOTS:-/usr/lib/jvm:/usr/java:$HOME/.sdkman/candidates/java:/opt/java}

    # 0. An explicit choice wins, if it is good enough.
    if [[ -n ${WEFT_JAVA:-} && -x ${WEFT_JAVA} ]]; then
        major=$(weft_jdk_major_of_bin "$WEFT_JAVA") || major=0
        if (( major >= weft_jdk_min )); then
            WEFT_JAVA_MAJOR=$major
            return 0
        fi
    fi

    # 1. JAVA_HOME.
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        major=$(weft_jdk_major_of_home "$JAVA_HOME") || major=$(weft_jdk_major_of_bin "$JAVA_HOME/bin/java") || major=0
        if (( major >= weft_jdk_min )); then
            WEFT_JAVA=$JAVA_HOME/bin/java
            WEFT_JAVA_MAJOR=$major
            return 0
        fi
    fi

    # 2. java on PATH.
    if bin=$(command -v java 2>/dev/null); then
        major=$(weft_jdk_major_of_bin "$bin") || major=0
        if (( major >= weft_jdk_min )); then
            WEFT_JAVA=$bin
            WEFT_JAVA_MAJOR=$major
            return 0
        fi
    fi

    # 3. Well-known install locations: the newest JDK 21+.
    local IFS=:
    for root in $roots; do
        for home in "$root"/*; do
            [[ -d $home ]] || continue
            major=$(weft_jdk_major_of_home "$home") || continue
            if (( major >= weft_jdk_min && major > best_major )); then
                best_major=$major
                best_bin=$home/bin/java
            fi
        done
    done
    unset IFS
    if [[ -n $best_bin ]]; then
        WEFT_JAVA=$best_bin
        WEFT_JAVA_MAJOR=$best_major
        return 0
    fi
    return 1
}

if weft_find_jdk; then
    export WEFT_JAVA WEFT_JAVA_MAJOR
else
    {
        echo "error: Weft needs a JDK ${weft_jdk_min} or newer, and none was found."
        echo "  Looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), 'java' on PATH ($(command -v java || echo none)),"
        echo "             and the JDKs under ${WEFT_JDK_ROOTS:-/usr/lib/jvm:/usr/java:~/.sdkman/candidates/java:/opt/java}"
        echo "  Install one, e.g. 'apt-get install openjdk-21-jdk' or Eclipse Temurin 21+,"
        echo "  or point JAVA_HOME at an existing JDK 21+."
    } >&2
    if [[ $- == *i* ]]; then
        return 1
    else
        exit 1
    fi
fi
