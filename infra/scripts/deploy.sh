#!/usr/bin/env bash
# Deploy and run Guildhall in an agency's own Azure subscription with the Azure CLI. Reads the non-secret
# values from env/.env.<name> (the same files the Agents Toolkit uses); secrets come only from the process
# environment (SECRET_* variables) or are generated here and go straight into Key Vault, never printed.
#
# Usage: bash infra/scripts/deploy.sh <command> --env <name> [options]
#   infra        create the resource group if needed, deploy infra/main.bicep with the parameter file named by
#                INFRA_PARAMETERS_FILE, write the outputs (TAB_DOMAIN, KEY_VAULT_NAME, ...) back into
#                env/.env.<name>, then create the anonymity HMAC secret if it is absent.
#                --what-if shows the changes without making them.
#   secrets      create the anonymity HMAC secret in Key Vault if it is absent (never replaces it).
#   app          build the tab and server, install production dependencies only, zip-deploy to the Web App.
#   restart      restart the Web App (instances re-read Key Vault references on start).
#   status       call https://<TAB_DOMAIN>/readyz and print the answer.
#   rotate-hmac  replace the anonymity HMAC secret and restart; refuses without --confirm-forms-closed.
#                Read docs/operations.md ("Anonymity secret") first.
set -euo pipefail

KEY_VAULT_API_VERSION=2023-07-01
HMAC_SECRET_NAME=anonymity-hmac-secret
DEPLOYMENT_NAME=guildhall-infra

root="$(cd "$(dirname "$0")/../.." && pwd)"
command_name=""
env_name=""
what_if=false
confirm_forms_closed=false

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

die() {
  printf 'deploy: %s\n' "$*" >&2
  exit 1
}

log() {
  printf '==> %s\n' "$*" >&2
}

[ $# -gt 0 ] || usage 1
case "$1" in
  infra | secrets | app | restart | status | rotate-hmac) command_name="$1"; shift ;;
  -h | --help) usage 0 ;;
  *) die "unknown command: $1 (see --help)" ;;
esac
while [ $# -gt 0 ]; do
  case "$1" in
    --env) env_name="${2:-}"; shift 2 ;;
    --what-if) what_if=true; shift ;;
    --confirm-forms-closed) confirm_forms_closed=true; shift ;;
    -h | --help) usage 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done
[[ "$env_name" =~ ^[a-z0-9-]+$ ]] || die "--env <name> is required (env/.env.<name> must exist)"
env_file="$root/env/.env.$env_name"
[ -f "$env_file" ] || die "$env_file not found"

tmpdir="$(mktemp -d)"
chmod 700 "$tmpdir"
trap 'rm -rf "$tmpdir"' EXIT
umask 077

# KEY=value lines of the env file; a value set in the process environment wins. The file is parsed, never sourced.
declare -A file_values=()
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  key="${line%%=*}"
  [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
  file_values[$key]="${line#*=}"
done <"$env_file"

env_get() {
  local key="$1"
  if [ -n "${!key+x}" ]; then
    printf '%s' "${!key}"
  else
    printf '%s' "${file_values[$key]-}"
  fi
}

require() {
  local value
  value="$(env_get "$1")"
  [ -n "$value" ] || die "$1 is empty in env/.env.$env_name"
  printf '%s' "$value"
}

set_env_value() {
  local key="$1" value="$2"
  if grep -q "^$key=" "$env_file"; then
    sed -i "s|^$key=.*|$key=$value|" "$env_file"
  else
    printf '%s=%s\n' "$key" "$value" >>"$env_file"
  fi
  file_values[$key]="$value"
}

for tool in az jq node openssl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

subscription="$(env_get AZURE_SUBSCRIPTION_ID)"
if [ -n "$subscription" ]; then az account set --subscription "$subscription"; fi
resource_group="$(require AZURE_RESOURCE_GROUP_NAME)"
arm="$(az cloud show --query endpoints.resourceManager -o tsv)"
arm="${arm%/}"
subscription_path="/subscriptions/$(az account show --query id -o tsv)"

# Resolve ${{NAME}} placeholders in the parameter file: SECRET_* only from the process environment (empty when
# unset, which main.bicep treats as "leave the current secret alone"); everything else from the process
# environment or env/.env.<name>, and a name defined nowhere is an error.
resolve_parameters() {
  local template="$1" out="$2" values="$tmpdir/values.json" key
  printf '{}' >"$values"
  for key in "${!file_values[@]}"; do
    case "$key" in SECRET_*) continue ;; esac
    jq --arg k "$key" --arg v "$(env_get "$key")" '. + {($k): $v}' "$values" >"$values.next"
    mv "$values.next" "$values"
  done
  node - "$template" "$values" "$out" <<'NODE'
const fs = require("node:fs");
const [template, valuesFile, out] = process.argv.slice(2);
const values = JSON.parse(fs.readFileSync(valuesFile, "utf8"));
const missing = new Set();
const text = fs.readFileSync(template, "utf8").replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_, name) => {
  let value;
  if (name.startsWith("SECRET_")) value = process.env[name] ?? "";
  else if (process.env[name] !== undefined) value = process.env[name];
  else if (Object.hasOwn(values, name)) value = values[name];
  else { missing.add(name); value = ""; }
  return JSON.stringify(value).slice(1, -1);
});
if (missing.size > 0) {
  process.stderr.write(`deploy: not defined in the env file: ${[...missing].join(", ")}\n`);
  process.exit(1);
}
JSON.parse(text);
fs.writeFileSync(out, text, { mode: 0o600 });
NODE
}

check_cloud() {
  local parameters="$1" cloud expected active
  cloud="$(jq -r '.parameters.cloud.value' "$parameters")"
  case "$cloud" in
    Public | GCC) expected=AzureCloud ;;
    USGov | USGovDoD) expected=AzureUSGovernment ;;
    *) die "parameter cloud must be Public, GCC, USGov or USGovDoD (got $cloud)" ;;
  esac
  active="$(az cloud show --query name -o tsv)"
  [ "$active" = "$expected" ] || die "CLOUD=$cloud deploys to $expected but the Azure CLI is set to $active; run: az cloud set --name $expected && az login"
}

vault_secret_url() {
  local vault="$1" name="${2:-}"
  printf '%s%s/resourceGroups/%s/providers/Microsoft.KeyVault/vaults/%s/secrets%s?api-version=%s' \
    "$arm" "$subscription_path" "$resource_group" "$vault" "${name:+/$name}" "$KEY_VAULT_API_VERSION"
}

# Write a fresh 256-bit random value as the HMAC secret, through Azure Resource Manager. The value goes from
# openssl into a file only this user can read; it is never in a variable, an argument or the output.
write_hmac_secret() {
  local vault="$1" body="$tmpdir/hmac.json"
  {
    printf '{"properties":{"contentType":"text/plain","value":"'
    openssl rand -hex 32 | tr -d '\n'
    printf '"}}'
  } >"$body"
  az rest --only-show-errors --method PUT --url "$(vault_secret_url "$vault" "$HMAC_SECRET_NAME")" \
    --headers "Content-Type=application/json" --body "@$body" --output none
  rm -f "$body"
}

ensure_hmac_secret() {
  local vault names
  vault="$(require KEY_VAULT_NAME)"
  # List secret names (metadata only) and create the secret only if the list answered and lacks it: an error
  # must never be mistaken for "absent", because replacing this secret unlinks every "has responded" marker.
  names="$(az rest --only-show-errors --method GET --url "$(vault_secret_url "$vault")" --query 'value[].name' -o tsv)" ||
    die "could not list the secrets of Key Vault $vault"
  if grep -qx "$HMAC_SECRET_NAME" <<<"$names"; then
    log "$HMAC_SECRET_NAME already exists in $vault (left unchanged)"
  else
    write_hmac_secret "$vault"
    log "created $HMAC_SECRET_NAME in $vault"
  fi
}

deploy_infra() {
  local parameter_file parameters location server outputs
  parameter_file="$root/infra/parameters/$(require INFRA_PARAMETERS_FILE)"
  [ -f "$parameter_file" ] || die "$parameter_file not found"
  parameters="$tmpdir/parameters.json"
  for key in RESOURCE_BASE_NAME AAD_APP_CLIENT_ID ALLOWED_TENANT_IDS ALLOWED_EMAIL_DOMAINS; do
    require "$key" >/dev/null
  done

  resolve_parameters "$parameter_file" "$parameters"
  if [ "$(jq -r '.parameters.botType.value // "SingleTenant"' "$parameters")" = SingleTenant ]; then
    require BOT_ID >/dev/null
  fi
  check_cloud "$parameters"
  location="$(jq -r '.parameters.location.value' "$parameters")"
  server="$(jq -r '.parameters.postgresServerName.value // ""' "$parameters")"
  [ -n "$server" ] || server="$(jq -r '.parameters.baseName.value' "$parameters")-psql"

  if ! az group show --name "$resource_group" --output none 2>/dev/null; then
    log "creating resource group $resource_group in $location"
    az group create --name "$resource_group" --location "$location" --output none
  fi

  # A new PostgreSQL server needs an administrator password, and (databaseAuth=password) the app's own role a
  # password too. Unless given (SECRET_POSTGRES_ADMIN_PASSWORD, SECRET_POSTGRES_APP_PASSWORD), generate them for
  # this run only: Bicep writes them into the DATABASE_MIGRATION_URL (owner, runs migrations) and DATABASE_URL (the
  # app's role, owns nothing) secrets; with managed identity the app and the owner sign in with their identities.
  if ! az resource show --resource-group "$resource_group" --name "$server" \
    --resource-type Microsoft.DBforPostgreSQL/flexibleServers --output none 2>/dev/null; then
    if [ -z "${SECRET_POSTGRES_ADMIN_PASSWORD:-}" ]; then
      log "new PostgreSQL server: generating its administrator password (kept nowhere; reset it in the portal for break-glass access)"
      SECRET_POSTGRES_ADMIN_PASSWORD="$(openssl rand -hex 24)Gh-"
      export SECRET_POSTGRES_ADMIN_PASSWORD
    fi
    if [ -z "${SECRET_POSTGRES_APP_PASSWORD:-}" ]; then
      SECRET_POSTGRES_APP_PASSWORD="$(openssl rand -hex 24)Ap-"
      export SECRET_POSTGRES_APP_PASSWORD
    fi
    resolve_parameters "$parameter_file" "$parameters"
  fi

  if [ "$what_if" = true ]; then
    az deployment group what-if --resource-group "$resource_group" --name "$DEPLOYMENT_NAME" \
      --template-file "$root/infra/main.bicep" --parameters "@$parameters"
    return
  fi

  log "deploying infra/main.bicep to $resource_group"
  outputs="$(az deployment group create --resource-group "$resource_group" --name "$DEPLOYMENT_NAME" \
    --template-file "$root/infra/main.bicep" --parameters "@$parameters" \
    --query properties.outputs --output json)"
  while IFS='=' read -r key value; do
    set_env_value "$key" "$value"
  done < <(jq -r 'to_entries[] | "\(.key)=\(.value.value)"' <<<"$outputs")
  log "wrote the deployment outputs into env/.env.$env_name"
  ensure_hmac_secret
}

deploy_app() {
  local app_name stage
  app_name="$(require AZURE_APP_SERVICE_NAME)"
  command -v zip >/dev/null 2>&1 || die "zip is required"
  stage="$tmpdir/stage"

  log "building the tab and the server"
  (cd "$root" && npm ci --no-audit --no-fund && npm run build)
  mkdir -p "$stage"
  cp -R "$root/dist" "$root/package.json" "$root/package-lock.json" "$stage/"
  log "installing production dependencies only"
  (cd "$stage" && npm ci --omit=dev --no-audit --no-fund)
  (cd "$stage" && zip -qr "$tmpdir/guildhall.zip" .)

  log "deploying to $app_name (instances restart on the new package)"
  az webapp deploy --resource-group "$resource_group" --name "$app_name" \
    --src-path "$tmpdir/guildhall.zip" --type zip --output none
}

restart_app() {
  local app_name
  app_name="$(require AZURE_APP_SERVICE_NAME)"
  log "restarting $app_name"
  az webapp restart --resource-group "$resource_group" --name "$app_name" --output none
}

show_status() {
  local domain
  domain="$(require TAB_DOMAIN)"
  curl --fail-with-body --silent --show-error --max-time 15 "https://$domain/readyz"
  printf '\n'
}

case "$command_name" in
  infra) deploy_infra ;;
  secrets) ensure_hmac_secret ;;
  app) deploy_app ;;
  restart) restart_app ;;
  status) show_status ;;
  rotate-hmac)
    [ "$confirm_forms_closed" = true ] ||
      die "rotating the anonymity secret unlinks every 'has responded' marker; close all open feedback forms, then re-run with --confirm-forms-closed"
    write_hmac_secret "$(require KEY_VAULT_NAME)"
    log "replaced $HMAC_SECRET_NAME"
    restart_app
    ;;
esac
