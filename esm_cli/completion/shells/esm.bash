# bash completion for esm (esm-cli), printed by `esm completion bash`.
#
# Load it from ~/.bashrc with   eval "$(esm completion bash)"
# or copy it to ~/.local/share/bash-completion/completions/esm (loaded on first use).
# esm works out the candidates itself (_ESM_COMPLETE=bash), knowing your mappings.

_esm_completion() {
    local program=esm reply directive entry
    # Ask the esm the line runs when it names one by path.
    [[ ${COMP_WORDS[0]} == */* && -x ${COMP_WORDS[0]} ]] && program=${COMP_WORDS[0]}
    reply=$(_ESM_COMPLETE=bash _ESM_COMP_WORDBREAKS="$COMP_WORDBREAKS" \
        COMP_LINE="$COMP_LINE" COMP_POINT="$COMP_POINT" "$program" 2>/dev/null) || return 0
    COMPREPLY=()
    directive=${reply%%$'\n'*}
    if [[ $reply == *$'\n'* ]]; then reply=${reply#*$'\n'}; else reply=; fi
    case $directive in
        files)
            compopt -o filenames 2>/dev/null
            while IFS= read -r entry; do
                COMPREPLY+=("$entry")
            done < <(compgen -f -- "${COMP_WORDS[COMP_CWORD]}")
            return 0
            ;;
        nospace) compopt -o nospace 2>/dev/null ;;
    esac
    while IFS= read -r entry; do
        [[ -n $entry ]] && COMPREPLY+=("$entry")
    done <<<"$reply"
    return 0
}
complete -F _esm_completion esm
