#!/usr/bin/env python3
"""check-tools.py - every command the tests call is installed by the set-up.

Reads the commands used by the scripts that `./check.sh` runs (the
Makefile's recipes, run.sh, check.sh, .ci/run, scripts/*.sh, and every
shell, Python and JavaScript file under tests/) and checks each against
the commands a bare Debian 12 has after the set-up: those of minbase
(packages of priority "required", essential ones and apt) and of the
packages `scripts/setup.sh --list-packages` prints, with their
dependencies, as dpkg installed them here, plus alternatives (awk, cc)
and shell builtins. Prints FILE:LINE: command 'X' ... for each miss and
exits 1; with --list, prints every command found and where.

The scan of shell is static and conservative: it reads the words in
command position (start of a line, after ; | && || & ( $( ` and the
shell's keywords, after wrappers such as timeout, env or the tests'
`check NAME CMD`), skips quoted text, comments, here-documents, case
patterns and words built from variables. scripts/fresh-check.sh runs on
the host, not in the set-up machine, and installs what it needs itself;
bench/ is not part of the tests.

usage: check-tools.py [--root DIR] [--list]
"""
import glob
import os
import re
import subprocess
import sys

BUILTINS = set("""
. : [ alias bg bind break builtin caller cd command compgen complete compopt
continue declare dirs disown echo enable eval exec exit export false fc fg
getopts hash help history jobs kill let local logout mapfile popd printf pushd
pwd read readarray readonly return set shift shopt source suspend test times
trap true type typeset ulimit umask unalias unset wait
""".split())
KEYWORDS = set("if then else elif fi do done while until for in case esac "
               "function select time { } ! [[ ]]".split())
# wrapper -> number of positional arguments before the wrapped command
WRAPPERS = {"timeout": 1, "env": 0, "sudo": 0, "exec": 0, "nohup": 0,
            "setsid": 0, "nice": 0, "xargs": 0, "stdbuf": 0, "time": 0,
            "check": 1, "check_fails": 1, "command": 0, "chroot": 1}
BIN_DIRS = ("/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/")


# --- what the set-up machine provides ---------------------------------------

def dpkg_status():
    pkgs, cur = {}, {}
    key = None
    with open("/var/lib/dpkg/status", encoding="utf-8", errors="replace") as f:
        for line in f.read().split("\n") + [""]:
            if not line:
                if cur.get("Package") and "installed" in cur.get("Status", "") \
                        and "not-installed" not in cur.get("Status", ""):
                    pkgs[cur["Package"]] = cur
                cur, key = {}, None
            elif line[0] in " \t":
                if key:
                    cur[key] += " " + line.strip()
            else:
                key, _, val = line.partition(":")
                cur[key] = val.strip()
    return pkgs


def dep_groups(field):
    for group in filter(None, (g.strip() for g in field.split(","))):
        alts = []
        for alt in group.split("|"):
            name = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", alt).strip().split(":")[0]
            if name:
                alts.append(name)
        yield alts


def provided_commands(root):
    pkgs = dpkg_status()
    provides = {}
    for name, p in pkgs.items():
        for alts in dep_groups(p.get("Provides", "")):
            provides.setdefault(alts[0], name)
    listed = subprocess.run(["bash", os.path.join(root, "scripts/setup.sh"), "--list-packages"],
                            capture_output=True, text=True, check=True).stdout.split()
    seeds = list(listed) + ["apt"]
    seeds += [n for n, p in pkgs.items()
              if p.get("Priority") == "required" or p.get("Essential") == "yes"]
    cmds, missing, seen, todo = set(), [], set(), list(seeds)
    while todo:
        n = todo.pop()
        real = n if n in pkgs else provides.get(n)
        if real is None:
            if n in listed:  # not installed here: at least its own name
                missing.append(n)
                cmds.add(n)
            continue
        if real in seen:
            continue
        seen.add(real)
        p = pkgs[real]
        for field in ("Depends", "Pre-Depends"):
            for alts in dep_groups(p.get(field, "")):
                pick = next((a for a in alts if a in pkgs or a in provides), alts[0])
                todo.append(pick)
    files = set()
    for real in seen:
        for lst in glob.glob("/var/lib/dpkg/info/%s.list" % real) + \
                glob.glob("/var/lib/dpkg/info/%s:*.list" % real):
            with open(lst, encoding="utf-8", errors="replace") as f:
                for path in f.read().split("\n"):
                    if path.startswith(BIN_DIRS) and path.count("/") <= 3:
                        files.add(path)
                        cmds.add(os.path.basename(path))
    # alternatives: the link exists if one of its choices is provided
    for alt in glob.glob("/var/lib/dpkg/alternatives/*"):
        with open(alt, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        if len(lines) < 2:
            continue
        link = lines[1]
        choices = [ln for ln in lines[2:] if ln.startswith("/")]
        if any(c in files or (os.path.realpath(c) in files) for c in choices):
            cmds.add(os.path.basename(link))
            files.add(link)
    # /bin and /usr/bin are one folder on bookworm (merged /usr)
    for path in list(files):
        for a, b in (("/usr/bin/", "/bin/"), ("/usr/sbin/", "/sbin/")):
            if path.startswith(a):
                files.add(b + path[len(a):])
            elif path.startswith(b):
                files.add(a + path[len(b):])
    return cmds, files, missing


# --- shell -----------------------------------------------------------------

def strip_heredocs(text):
    out, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        words = [m.group(2) for m in re.finditer(r"<<-?\s*(['\"]?)(\w+)\1", line)]
        i += 1
        for w in words:
            while i < len(lines) and lines[i].strip() != w:
                out.append("")
                i += 1
            if i < len(lines):
                out.append("")
                i += 1
    return "\n".join(out)


class Lexer:
    """Tokens: ('w', text, line, bare) and ('op', text, line)."""

    def __init__(self, s):
        self.s, self.i, self.line, self.toks = s, 0, 1, []

    def run(self):
        self.lex(None)
        return self.toks

    def lex(self, stop):
        s = self.s
        word, bare, wline = None, True, self.line

        def flush():
            nonlocal word, bare
            if word is not None:
                self.toks.append(("w", word, wline, bare))
            word, bare = None, True

        def add(ch, is_bare):
            nonlocal word, bare, wline
            if word is None:
                word, wline = "", self.line
            word += ch
            bare = bare and is_bare

        while self.i < len(s):
            c = s[self.i]
            if stop and c == stop[0] and s.startswith(stop, self.i):
                flush()
                self.i += len(stop)
                return
            if c == "\\" and self.i + 1 < len(s):
                if s[self.i + 1] == "\n":
                    self.line += 1
                else:
                    add(s[self.i + 1], False)
                self.i += 2
                continue
            if c == "\n":
                flush()
                self.toks.append(("op", "\n", self.line))
                self.line += 1
                self.i += 1
                continue
            if c in " \t":
                flush()
                self.i += 1
                continue
            if c == "#" and word is None:
                while self.i < len(s) and s[self.i] != "\n":
                    self.i += 1
                continue
            if c == "'":
                j = s.find("'", self.i + 1)
                j = len(s) if j < 0 else j
                self.line += s.count("\n", self.i, j)
                add("Q", False)
                self.i = j + 1
                continue
            if c == '"':
                add("Q", False)
                self.i += 1
                self.dquote()
                continue
            if s.startswith("$((", self.i) or s.startswith("((", self.i) and word is None:
                depth, j = 0, self.i
                while j < len(s):
                    if s[j] == "(":
                        depth += 1
                    elif s[j] == ")":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                self.line += s.count("\n", self.i, j)
                add("$A", False)
                self.i = j + 1
                continue
            if s.startswith("$(", self.i) or (s.startswith(("<(", ">("), self.i)):
                add("$S", False)
                self.i += 2
                self.sub(")")
                continue
            if c == "`":
                add("$S", False)
                self.i += 1
                self.sub("`")
                continue
            if c == "$" and self.i + 1 < len(s) and s[self.i + 1] == "{":
                j = s.find("}", self.i)
                j = len(s) if j < 0 else j
                add("$V", False)
                self.i = j + 1
                continue
            if c == "$":
                add("$", False)
                self.i += 1
                continue
            m = re.match(r";;|&&|\|\||[0-9]*>>|[0-9]*>&[0-9-]*|&>|[0-9]*>|<<<|<|;|\||&|\(|\)",
                         s[self.i:])
            if m and not (word is not None and m.group(0)[0].isdigit()):
                flush()
                self.toks.append(("op", m.group(0), self.line))
                self.i += len(m.group(0))
                continue
            add(c, True)
            self.i += 1
        flush()

    def sub(self, stop):
        """A command substitution: its tokens are a command list of their own."""
        saved = self.toks
        self.toks = []
        self.lex(stop)
        inner = self.toks
        self.toks = saved
        self.subs.append(inner)

    def dquote(self):
        s = self.s
        while self.i < len(s) and s[self.i] != '"':
            if s[self.i] == "\\":
                self.i += 2
                continue
            if s.startswith("$(", self.i) and not s.startswith("$((", self.i):
                self.i += 2
                self.sub(")")
                continue
            if s[self.i] == "`":
                self.i += 1
                self.sub("`")
                continue
            if s[self.i] == "\n":
                self.line += 1
            self.i += 1
        self.i += 1


ASSIGN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?\+?=")
CMD_SEP = {"\n", ";", "&&", "||", "|", "&", "(", ")", ";;"}
REDIR = re.compile(r"^([0-9]*>>|[0-9]*>&[0-9-]*|&>|[0-9]*>|<<<|<)$")


def shell_commands(toks, functions):
    """Yields (word, line, bare) for every word in command position."""
    out = []
    i, cmdpos, skip, wrapped = 0, True, 0, None
    case_pat = []  # stack: True while reading case patterns
    while i < len(toks):
        t = toks[i]
        if t[0] == "op":
            op = t[1]
            if case_pat and case_pat[-1] and op == ")":
                case_pat[-1] = False
                cmdpos = True
            elif op == ";;":
                if case_pat:
                    case_pat[-1] = True
                cmdpos = True
            elif REDIR.match(op):
                if not op.endswith(tuple("0123456789-")) or op in ("<", ">", ">>", "&>"):
                    i += 1  # the target
            elif op in CMD_SEP:
                cmdpos, skip, wrapped = True, 0, None
            i += 1
            continue
        _, w, line, bare = t
        if case_pat and case_pat[-1]:
            if w == "esac":
                case_pat.pop()
                cmdpos = False
            i += 1
            continue
        if not cmdpos:
            if w == "esac" and case_pat:
                case_pat.pop()
            i += 1
            continue
        if bare and ASSIGN.match(w):
            if w.endswith("=") and i + 1 < len(toks) and toks[i + 1][:2] == ("op", "("):
                i += 2  # an array: words up to the closing parenthesis
                while i < len(toks) and toks[i][:2] != ("op", ")"):
                    i += 1
            i += 1
            continue
        if wrapped is not None:
            if w.startswith("-"):
                if wrapped == "command" and w in ("-v", "-V"):
                    cmdpos = False  # a probe, not a use
                i += 1
                continue
            if wrapped == "env" and "=" in w:
                i += 1
                continue
            if skip > 0:
                skip -= 1
                i += 1
                continue
        if w == "case":
            case_pat.append(False)
            # skip the word and "in"
            while i < len(toks) and not (toks[i][0] == "w" and toks[i][1] == "in"):
                i += 1
            case_pat[-1] = True
            i += 1
            continue
        if w in ("for", "select"):
            while i < len(toks) and not (toks[i][0] == "w" and toks[i][1] == "do"):
                i += 1
            cmdpos = True
            i += 1
            continue
        if w == "[[":
            while i < len(toks) and not (toks[i][0] == "w" and toks[i][1] == "]]"):
                i += 1
            cmdpos = False
            i += 1
            continue
        if w in KEYWORDS:
            i += 1
            continue
        if w == "function":
            i += 2
            continue
        if i + 2 < len(toks) and toks[i + 1][:2] == ("op", "(") and toks[i + 2][:2] == ("op", ")"):
            functions.add(w)
            i += 3
            continue
        out.append((w, line, bare))
        if bare and w in WRAPPERS:
            wrapped, skip = w, WRAPPERS[w]
        else:
            cmdpos, wrapped = False, None
        i += 1
    return out


def scan_shell(text):
    lx = Lexer(strip_heredocs(text))
    lx.subs = []
    toks = lx.run()
    functions, found = set(), []
    found += shell_commands(toks, functions)
    k = 0
    while k < len(lx.subs):  # substitutions may hold substitutions
        found += shell_commands(lx.subs[k], functions)
        k += 1
    return found, functions


# --- Python and JavaScript ---------------------------------------------------

PY_CALL = re.compile(r"subprocess\.(?:run|call|check_call|check_output|Popen)\(\s*\[\s*['\"]([^'\"]+)['\"]")
PY_SYSTEM = re.compile(r"os\.(?:system|popen)\(\s*['\"]([^'\" ]+)")
JS_CALL = re.compile(r"\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*['\"`]([^'\"` ]+)")
JS_PATH = re.compile(r"executablePath\s*:\s*['\"]([^'\"]+)['\"]")


def scan_regex(text, patterns):
    found = []
    for pat in patterns:
        for m in pat.finditer(text):
            found.append((m.group(1), text.count("\n", 0, m.start()) + 1, True))
    return found


def makefile_recipes(text):
    """The Makefile's recipe lines as shell, make variables made opaque."""
    out = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            r = line[1:].lstrip("@-+")
            r = r.replace("$$", "\x00")
            r = re.sub(r"\$\([^)]*\)|\$\{[^}]*\}|\$[@<^*?%]", "$MAKEVAR", r)
            out.append(r.replace("\x00", "$"))
        else:
            out.append("")
    return "\n".join(out)


def files_to_scan(root):
    names = ["run.sh", "check.sh", ".ci/run", "Makefile"]
    names += sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "scripts/*.sh")))
    for ext in ("sh", "py", "mjs", "js"):
        names += sorted(os.path.relpath(p, root)
                        for p in glob.glob(os.path.join(root, "tests/**/*." + ext), recursive=True))
    skip = {"scripts/fresh-check.sh"}
    return [n for n in names if n not in skip and os.path.isfile(os.path.join(root, n))
            and "node_modules" not in n]


def main():
    args = sys.argv[1:]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    setup_root = root
    if "--root" in args:
        root = os.path.abspath(args[args.index("--root") + 1])
    want_list = "--list" in args
    cmds, files, missing = provided_commands(setup_root)
    for n in missing:
        print("check-tools: note: %s (listed by setup.sh) is not installed here; "
              "only the command '%s' is assumed" % (n, n), file=sys.stderr)
    bad, seen = [], {}
    for rel in files_to_scan(root):
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
            text = f.read()
        if rel.endswith(".py"):
            found, functions = scan_regex(text, [PY_CALL, PY_SYSTEM]), set()
        elif rel.endswith((".mjs", ".js")):
            found, functions = scan_regex(text, [JS_CALL, JS_PATH]), set()
        else:
            if rel == "Makefile":
                text = makefile_recipes(text)
            found, functions = scan_shell(text)
            if "lib.sh" in text:  # the tests' shared helpers
                lib = os.path.join(root, "tests/integration/lib.sh")
                if os.path.isfile(lib):
                    with open(lib, encoding="utf-8") as f:
                        functions |= scan_shell(f.read())[1]
        for w, line, is_bare in found:
            if not is_bare:
                continue
            if w.startswith("/"):
                if w not in files:
                    bad.append("%s:%d: '%s' is not a file of the set-up's packages" % (rel, line, w))
                seen.setdefault(os.path.basename(w), []).append("%s:%d" % (rel, line))
                continue
            if "/" in w or not re.match(r"^[A-Za-z_][A-Za-z0-9_.+-]*$", w):
                continue
            if w in BUILTINS or w in KEYWORDS or w in functions:
                continue
            seen.setdefault(w, []).append("%s:%d" % (rel, line))
            if w not in cmds:
                bad.append("%s:%d: command '%s' is installed neither by scripts/setup.sh "
                           "nor by Debian minbase" % (rel, line, w))
    if want_list:
        for w in sorted(seen):
            print("%s\t%d\t%s" % (w, len(seen[w]), seen[w][0]))
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
