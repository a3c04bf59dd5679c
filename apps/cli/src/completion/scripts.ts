/**
 * The shell side of `rig completion <shell>`. Each script is a thin adapter: it hands the words typed so far to
 * the hidden `rig __complete <shell> <words…>` and offers what comes back (one candidate per line, then a
 * directive line `:files` — fall back to file names — or `:nofiles`). All the knowledge stays in rig, so a new
 * command or flag completes without regenerating the script. Errors go to /dev/null: completion never prints
 * into the prompt and never waits for input.
 */

export const completionShells = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof completionShells)[number];

const bash = `# bash completion for rig (bash 4.1+).
# Load it in the current shell:   source <(rig completion bash)
# Or install it for every shell:  rig completion bash > ~/.local/share/bash-completion/completions/rig
_rig_completion() {
  local -a lines
  mapfile -t lines < <(command rig __complete bash "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null </dev/null)
  local n=\${#lines[@]}
  COMPREPLY=()
  (( n > 0 )) || return 0
  local directive="\${lines[n-1]}"
  COMPREPLY=("\${lines[@]:0:n-1}")
  if (( \${#COMPREPLY[@]} == 0 )) && [[ $directive == ":files" ]]; then
    # Let readline complete file names, as it would without this function.
    compopt -o default 2>/dev/null
  fi
  return 0
}
complete -o nosort -F _rig_completion rig 2>/dev/null || complete -F _rig_completion rig
`;

const zsh = `#compdef rig
# zsh completion for rig.
# Load it in the current shell (after compinit):  source <(rig completion zsh)
# Or install it:  rig completion zsh > "\${fpath[1]}/_rig"   (then start a new shell)
_rig() {
  local -a lines candidates
  lines=("\${(@f)$(command rig __complete zsh "\${(@)words[2,CURRENT]}" 2>/dev/null </dev/null)}")
  local directive="\${lines[-1]}"
  candidates=("\${(@)lines[1,-2]}")
  if (( \${#candidates} )); then
    _describe -t rig 'rig' candidates
  elif [[ $directive == ":files" ]]; then
    _files
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _rig "$@"
else
  compdef _rig rig
fi
`;

const fish = `# fish completion for rig.
# Load it in the current shell:  rig completion fish | source
# Or install it:  rig completion fish > ~/.config/fish/completions/rig.fish
function __rig_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l current (commandline -ct)
    set -l lines (command rig __complete fish $words "$current" 2>/dev/null </dev/null)
    test (count $lines) -gt 0; or return
    set -l directive $lines[-1]
    set -e lines[-1]
    if test (count $lines) -gt 0
        printf '%s\\n' $lines
    else if test "$directive" = ":files"
        __fish_complete_path "$current"
    end
end
complete -c rig -f -a '(__rig_complete)'
`;

/** The completion script for `shell`. */
export function completionScript(shell: CompletionShell): string {
  return { bash, zsh, fish }[shell];
}

/** One candidate as the shell's adapter reads it: zsh's `_describe` takes `value:description`, fish `value<TAB>description`. */
export function formatCandidate(shell: CompletionShell, value: string, description: string | undefined): string {
  const clean = (text: string) => text.replace(/[\t\n\r]+/g, ' ');
  if (shell === 'bash' || !description) return shell === 'zsh' ? value.replace(/:/g, '\\:') : value;
  if (shell === 'zsh') return `${value.replace(/:/g, '\\:')}:${clean(description)}`;
  return `${value}\t${clean(description)}`;
}
