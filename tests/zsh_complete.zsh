# Complete command lines in a real interactive zsh, as a user pressing TAB does, and write the
# matches zsh offers to a file (for tests/test_shell_completion.py):
#
#   zsh -f tests/zsh_complete.zsh SETUP OUT LINE...
#
# An interactive `zsh -f -i` runs in a pseudo-terminal (zsh/zpty). It sources SETUP (which loads
# the completion system and the script under test), then each LINE is typed followed by TAB.
# Every match the completion system adds is written to OUT, and "--done--" after each LINE's
# matches. The interactive shell's standard error (zsh's own error messages) goes to OUT.err.
# Exit 0 when every LINE was completed, 1 when zsh gave up on one (after 20 s).
zmodload zsh/zpty || exit 3
setup=$1 out=$2
shift 2
: > $out
: > $out.err
cat > $out.hooks <<'HOOKS'
zstyle ':completion:*' insert-tab false
unsetopt auto_list auto_menu  # nothing listed, no menu: no question can wait for an answer
# Every compadd of a completion function also goes to the file: builtin compadd -A gives the
# matches that fit what was typed, the same ones zsh then offers.
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return $?
  fi
  local -a __hits
  builtin compadd -A __hits "$@"
  (( $#__hits )) && print -rl -- $__hits >> $__capture_out
  builtin compadd "$@"
}
# TAB: the completion system's own widget, then the end mark
_capture_complete() {
  _main_complete
  local ret=$?
  print -r -- --done-- >> $__capture_out
  return ret
}
zle -C capture-complete complete-word _capture_complete
bindkey '^I' capture-complete
HOOKS
zpty capture zsh -f -i
zpty -w capture "exec 2>>${(q)out}.err; PROMPT=''; __capture_out=${(q)out}; source ${(q)setup}; source ${(q)out}.hooks"
integer i n=0
for line in "$@"; do
  (( n++ ))
  zpty -w -n capture $'\C-u'"$line"$'\t'
  for (( i = 0; i < 400; i++ )); do
    (( $(grep -c -x -e --done-- $out) >= n )) && break
    while zpty -rt capture chunk; do print -rn -- $chunk >> $out.tty; done  # the terminal, drained
    sleep 0.05
  done
  (( i < 400 )) || { zpty -d capture; exit 1 }
done
zpty -d capture
exit 0
