# run.d/settings.sh (sourced by run.sh) - the settings file: /etc/backup-acceptance/settings.conf, or the file
# BACKUP_ACCEPTANCE_SETTINGS names. `key = value` lines, `#` comments; keys are the settings of ./run.sh --help's
# Environment section without the prefix, in lower case, with _ or - (docs/settings.md). Read once, before anything
# else: each key the environment does not set is exported as BACKUP_ACCEPTANCE_<KEY>, so the environment wins over the
# file and run.sh's flags over both; the suite then reads and checks every setting from the environment (RunSettings).
# Every refusal is exit 2 with a sentence that names the file, and the key and line where one is at fault.

SETTINGS_DEFAULT=/etc/backup-acceptance/settings.conf

# settings_keys: the settings the file may hold (upper case, without the prefix), from --help's Environment section,
# which a test keeps equal to the suite's table of settings (SettingCatalogue).
settings_keys() {
  usage | sed -n '/^Environment/,/^$/s/^  BACKUP_ACCEPTANCE_\([A-Z0-9_]*\) .*/\1/p' | grep -vx SETTINGS
}

# trusted_settings_file FILE: FILE (a regular file) and every folder above it belong to root or to this user, and none
# is writable by its group or others unless sticky: the file names commands and folders a root run uses, so whoever may
# change it could run anything as root. The folders' rule is the results folder's (trusted_folders, run.d/results.sh).
trusted_settings_file() {
  local file=$1 real uid mode me
  real=$(realpath -e -- "$file" 2>/dev/null) || die "the settings file $file cannot be resolved (a link to nothing?)"
  [ -f "$real" ] || die "the settings file $file is a $(stat -L -c %F -- "$real"), not a regular file (BACKUP_ACCEPTANCE_SETTINGS)"
  [ -r "$real" ] || die "the settings file $file cannot be read by $(id -un) ($(described "$real"))"
  trusted_folders "the settings file" "$file" "$(dirname -- "$real")" BACKUP_ACCEPTANCE_SETTINGS
  me=$(id -u)
  read -r uid mode <<<"$(stat -c '%u %a' -- "$real")"
  if [ "$uid" != 0 ] && [ "$uid" != "$me" ]; then
    die "the settings file $file is refused: $real ($(described "$real")) belongs to another user than root or $(id -un), who could make the run execute anything; give it to root or $(id -un) (BACKUP_ACCEPTANCE_SETTINGS)"
  fi
  if (( (8#$mode & 8#022) != 0 )); then
    die "the settings file $file is refused: $real ($(described "$real")) is writable by its group or others, who could make the run execute anything; chmod go-w it (BACKUP_ACCEPTANCE_SETTINGS)"
  fi
}

# load_settings: reads the settings file (see above) and exports what the environment does not set. Also exports
# BACKUP_ACCEPTANCE_SETTINGS (the file read) and BACKUP_ACCEPTANCE_SETTINGS_LINES ("key:line ..." of the keys taken
# from it), so the suite can say where a value came from. No file at the default place: nothing to do.
load_settings() {
  local file=${BACKUP_ACCEPTANCE_SETTINGS:-} known line number=0 key value name variable seen=" " taken="" exports=()
  if [ -z "$file" ]; then
    [ -e "$SETTINGS_DEFAULT" ] || [ -L "$SETTINGS_DEFAULT" ] || return 0
    file=$SETTINGS_DEFAULT
  elif [ ! -e "$file" ]; then
    die "the settings file $file (BACKUP_ACCEPTANCE_SETTINGS) does not exist"
  fi
  trusted_settings_file "$file"
  known=" $(settings_keys | tr '\n' ' ') "
  while IFS= read -r line || [ -n "$line" ]; do
    number=$((number + 1))
    line=${line%$'\r'}
    [[ "$line" =~ ^[[:space:]]*(#.*)?$ ]] && continue
    [[ "$line" =~ ^[[:space:]]*([A-Za-z0-9_-]+)[[:space:]]*=[[:space:]]*(.*)$ ]] \
      || die "the settings file $file, line $number: not 'key = value' (or a # comment)"
    key=${BASH_REMATCH[1]}; value=${BASH_REMATCH[2]}
    value=${value%"${value##*[![:space:]]}"}   # trailing blanks
    if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
    name=${key^^}; name=${name//-/_}
    [ "$name" != SETTINGS ] || die "the settings file $file, line $number: '$key' cannot be set in the settings file (set BACKUP_ACCEPTANCE_SETTINGS in the environment)"
    [[ "$known" == *" $name "* ]] \
      || die "the settings file $file, line $number: unknown key '$key' (known: $(settings_keys | tr 'A-Z' 'a-z' | paste -sd ' ' -); ./run.sh --help, docs/settings.md)"
    [[ "$seen" != *" $name:"* ]] \
      || die "the settings file $file, line $number: '$key' is set twice (first on line $(sed -E "s/.* $name:([0-9]+) .*/\1/" <<<"$seen"))"
    seen+="$name:$number "
    # The environment wins: a variable set and not empty is left as it is.
    variable=BACKUP_ACCEPTANCE_$name
    if [ -z "${!variable:-}" ]; then
      exports+=("BACKUP_ACCEPTANCE_$name=$value")
      taken+="${name,,}:$number "
    fi
  done < "$file"
  [ "${#exports[@]}" = 0 ] || export "${exports[@]}"
  export BACKUP_ACCEPTANCE_SETTINGS="$file" BACKUP_ACCEPTANCE_SETTINGS_LINES="${taken% }"
}
