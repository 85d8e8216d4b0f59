# fish completion for esm (esm-cli), printed by `esm completion fish`.
#
# Save it as ~/.config/fish/completions/esm.fish, e.g.
#   esm completion fish > ~/.config/fish/completions/esm.fish
# esm works out the candidates itself (_ESM_COMPLETE=fish), knowing your mappings.

function __esm_complete
    set -lx _ESM_COMPLETE fish
    set -lx _ESM_COMP_WORDS (commandline -opc | string collect)
    set -lx _ESM_COMP_CURRENT (commandline -ct | string collect)
    set -l reply (esm 2>/dev/null)
    or return
    if test "$reply[1]" = files
        __fish_complete_path (commandline -ct)
        return
    end
    set -e reply[1]
    if set -q reply[1]
        printf '%s\n' $reply
    end
end

complete -c esm -f -a '(__esm_complete)'
