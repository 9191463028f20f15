#!/usr/bin/env bash
# Register (or bring up to date) Guildhall's Entra app registrations with the Azure CLI and Microsoft Graph:
#   - the Guildhall app: tab SSO audience (api://<tab domain>/<client id>, scope access_as_user, v2 tokens,
#     Teams/Outlook/Microsoft 365 clients pre-authorised), optional claims acct/idp/email, app role
#     Guildhall.PlatformOwner, and the Graph permissions listed below (docs/operations.md explains each);
#   - the single-tenant bot app (skipped with --bot-type UserAssignedMSI: the managed identity is the bot);
#   - admin consent for the Graph permissions (needs Privileged Role Administrator or Global Administrator);
#   - with --key-vault: a new client secret for each app, written straight into Key Vault through Azure
#     Resource Manager (works while the vault refuses public data-plane access). Secrets are never printed.
# Safe to run again: it finds the apps by display name and updates them in place.
#
# Usage:
#   bash infra/scripts/register-app.sh --cloud AzureCloud --tab-domain guildhall-prod.azurewebsites.net \
#     [--display-name Guildhall] [--dod] [--bot-type SingleTenant|UserAssignedMSI] [--env prod-au] \
#     [--key-vault <vault name> --resource-group <group>] [--secret-months 6] [--skip-consent]
set -euo pipefail

# Microsoft Graph application permissions (app-only, used by background jobs) and delegated permissions (used
# on behalf of the signed-in user). Keep in step with infra/entra/aad.manifest.json and docs/operations.md;
# tests/unit/infra.test.ts checks that all three agree.
GRAPH_APPLICATION_PERMISSIONS=(
  Channel.Create
  Channel.ReadBasic.All
  ChannelSettings.ReadWrite.All
  ChannelMember.ReadWrite.All
  Team.Create
  TeamMember.ReadWrite.All
  TeamSettings.ReadWrite.All
  User.Read.All
  TeamsActivity.Send
)
GRAPH_DELEGATED_PERMISSIONS=(
  User.Read
  openid
  profile
  email
  offline_access
)

# Clients allowed to request access_as_user without a consent prompt: Teams desktop/mobile, Teams web, and the
# Outlook / Microsoft 365 app hosts.
PREAUTHORIZED_CLIENT_IDS=(
  1fec8e78-bce4-4aaf-ab1b-5451cc387264
  5e3ce6c0-2b1f-4285-8d4b-75ee78787346
  4765445b-32c6-49b0-83e6-1d93765276ca
  0ec893e0-5785-4de6-99da-4ed124e5296c
  d3590ed6-52b3-4102-aeff-aad2292ab01c
  bc59ab01-8403-45c6-8796-ac3ef710b3e3
  27922004-5251-4030-b22d-91ecd9a37ea4
)

GRAPH_APP_ID=00000003-0000-0000-c000-000000000000
# Same id as infra/entra/aad.manifest.json, so both registration paths agree.
PLATFORM_OWNER_ROLE_ID=e0a48c06-7b3d-41eb-b88b-ac2c83237fc2
PLATFORM_OWNER_ROLE=Guildhall.PlatformOwner
KEY_VAULT_API_VERSION=2023-07-01

cloud=""
dod=false
display_name="Guildhall"
tab_domain=""
bot_type="SingleTenant"
env_name=""
key_vault=""
resource_group=""
secret_months=6
skip_consent=false

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

die() {
  printf 'register-app: %s\n' "$*" >&2
  exit 1
}

log() {
  printf '==> %s\n' "$*" >&2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --cloud) cloud="${2:-}"; shift 2 ;;
    --dod) dod=true; shift ;;
    --display-name) display_name="${2:-}"; shift 2 ;;
    --tab-domain) tab_domain="${2:-}"; shift 2 ;;
    --bot-type) bot_type="${2:-}"; shift 2 ;;
    --env) env_name="${2:-}"; shift 2 ;;
    --key-vault) key_vault="${2:-}"; shift 2 ;;
    --resource-group) resource_group="${2:-}"; shift 2 ;;
    --secret-months) secret_months="${2:-}"; shift 2 ;;
    --skip-consent) skip_consent=true; shift ;;
    -h | --help) usage 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done

case "$cloud" in
  AzureCloud) graph="https://graph.microsoft.com" ;;
  AzureUSGovernment) graph="https://graph.microsoft.us" ;;
  *) die "--cloud must be AzureCloud or AzureUSGovernment" ;;
esac
if [ "$dod" = true ]; then
  [ "$cloud" = AzureUSGovernment ] || die "--dod needs --cloud AzureUSGovernment"
  graph="https://dod-graph.microsoft.us"
fi
[[ "$display_name" =~ ^[A-Za-z0-9][A-Za-z0-9\ ._-]{0,100}$ ]] || die "--display-name may contain letters, digits, spaces, dots, dashes and underscores"
[[ "$tab_domain" =~ ^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$ ]] || die "--tab-domain must be a host name such as guildhall-prod.azurewebsites.net"
case "$bot_type" in SingleTenant | UserAssignedMSI) ;; *) die "--bot-type must be SingleTenant or UserAssignedMSI" ;; esac
if ! [[ "$secret_months" =~ ^[1-9][0-9]?$ ]] || [ "$secret_months" -gt 24 ]; then die "--secret-months must be 1 to 24"; fi
if [ -n "$key_vault" ] && [ -z "$resource_group" ]; then die "--key-vault needs --resource-group"; fi
if [ -n "$env_name" ]; then
  [[ "$env_name" =~ ^[a-z0-9-]+$ ]] || die "--env must be lower-case letters, digits and dashes"
fi

for tool in az jq openssl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

active_cloud="$(az cloud show --query name -o tsv)"
[ "$active_cloud" = "$cloud" ] || die "the Azure CLI is set to $active_cloud; run: az cloud set --name $cloud && az login"
tenant_id="$(az account show --query tenantId -o tsv)" || die "not signed in; run: az login"

tmpdir="$(mktemp -d)"
chmod 700 "$tmpdir"
trap 'rm -rf "$tmpdir"' EXIT

# Graph call with the cloud's Graph root as token audience (DoD uses dod-graph.microsoft.us).
graph_call() {
  local method="$1" path="$2" body="${3:-}"
  if [ -n "$body" ]; then
    az rest --only-show-errors --method "$method" --resource "$graph" --url "$graph/v1.0$path" \
      --headers "Content-Type=application/json" --body "$body"
  else
    az rest --only-show-errors --method "$method" --resource "$graph" --url "$graph/v1.0$path"
  fi
}

new_uuid() {
  if [ -r /proc/sys/kernel/random/uuid ]; then
    cat /proc/sys/kernel/random/uuid
  else
    local h
    h="$(openssl rand -hex 16)"
    printf '%s-%s-4%s-a%s-%s\n' "${h:0:8}" "${h:8:4}" "${h:13:3}" "${h:17:3}" "${h:20:12}"
  fi
}

# Write KEY=value into env/.env.<name> (replacing an existing line), so the Agents Toolkit, deploy.sh and
# `npm run package` see the ids. Only ids go there, never secrets.
set_env_value() {
  local key="$1" value="$2" file
  [ -n "$env_name" ] || return 0
  file="$(cd "$(dirname "$0")/../.." && pwd)/env/.env.$env_name"
  [ -f "$file" ] || die "env file $file not found"
  if grep -q "^$key=" "$file"; then
    sed -i "s|^$key=.*|$key=$value|" "$file"
  else
    printf '%s=%s\n' "$key" "$value" >>"$file"
  fi
}

# Find an application by display name, or create it. Prints "<appId> <objectId>".
ensure_app() {
  local name="$1" found count
  found="$(graph_call GET "/applications?\$filter=displayName%20eq%20'${name// /%20}'&\$select=id,appId")"
  count="$(jq '.value | length' <<<"$found")"
  if [ "$count" -gt 1 ]; then die "more than one app registration is named '$name'; rename or delete the extras"; fi
  if [ "$count" -eq 0 ]; then
    log "creating app registration '$name'"
    found="$(graph_call POST /applications "$(jq -cn --arg n "$name" '{displayName: $n, signInAudience: "AzureADMyOrg"}')")"
    jq -r '"\(.appId) \(.id)"' <<<"$found"
  else
    log "updating app registration '$name'"
    jq -r '.value[0] | "\(.appId) \(.id)"' <<<"$found"
  fi
}

# Find the service principal of an app, or create it. Prints its object id.
ensure_service_principal() {
  local app_id="$1" found
  found="$(graph_call GET "/servicePrincipals?\$filter=appId%20eq%20'$app_id'&\$select=id")"
  if [ "$(jq '.value | length' <<<"$found")" -eq 0 ]; then
    graph_call POST /servicePrincipals "$(jq -cn --arg a "$app_id" '{appId: $a}')" | jq -r .id
  else
    jq -r '.value[0].id' <<<"$found"
  fi
}

# Create a client secret on an app and write it into Key Vault as <secret name>. The value goes from Graph's
# answer into a file readable only by this user, and from there into the ARM request; it is never printed.
store_new_client_secret() {
  local object_id="$1" secret_name="$2" expiry request body_file arm_url
  expiry="$(date -u -d "+$secret_months months" +%Y-%m-%dT%H:%M:%SZ)"
  request="$(jq -cn --arg expiry "$expiry" '{passwordCredential: {displayName: ("guildhall " + (now | strftime("%Y-%m-%d"))), endDateTime: $expiry}}')"
  body_file="$tmpdir/$secret_name.json"
  graph_call POST "/applications/$object_id/addPassword" "$request" |
    jq '{properties: {value: .secretText, contentType: "text/plain"}}' >"$body_file"
  [ "$(jq -r '.properties.value | length' "$body_file")" -gt 0 ] || die "Graph returned no secret for $secret_name"
  arm_url="$arm${subscription_path}/resourceGroups/$resource_group/providers/Microsoft.KeyVault/vaults/$key_vault/secrets/$secret_name?api-version=$KEY_VAULT_API_VERSION"
  az rest --only-show-errors --method PUT --url "$arm_url" --headers "Content-Type=application/json" \
    --body "@$body_file" --output none
  rm -f "$body_file"
  log "stored a new $secret_name in Key Vault $key_vault (expires $expiry)"
}

log "reading Microsoft Graph's permission ids in this cloud ($graph)"
graph_sp="$(graph_call GET "/servicePrincipals(appId='$GRAPH_APP_ID')?\$select=id,appRoles,oauth2PermissionScopes")"
graph_sp_id="$(jq -r .id <<<"$graph_sp")"
resource_access='[]'
role_ids=()
for permission in "${GRAPH_APPLICATION_PERMISSIONS[@]}"; do
  id="$(jq -r --arg v "$permission" '.appRoles[] | select(.value == $v and .isEnabled) | .id' <<<"$graph_sp")"
  [ -n "$id" ] || die "Graph application permission $permission does not exist in this cloud"
  role_ids+=("$id")
  resource_access="$(jq -c --arg id "$id" '. + [{id: $id, type: "Role"}]' <<<"$resource_access")"
done
for permission in "${GRAPH_DELEGATED_PERMISSIONS[@]}"; do
  id="$(jq -r --arg v "$permission" '.oauth2PermissionScopes[] | select(.value == $v and .isEnabled) | .id' <<<"$graph_sp")"
  [ -n "$id" ] || die "Graph delegated permission $permission does not exist in this cloud"
  resource_access="$(jq -c --arg id "$id" '. + [{id: $id, type: "Scope"}]' <<<"$resource_access")"
done

app_ids="$(ensure_app "$display_name")"
read -r app_id app_object_id <<<"$app_ids"
current="$(graph_call GET "/applications/$app_object_id?\$select=api")"
scope_id="$(jq -r '.api.oauth2PermissionScopes[]? | select(.value == "access_as_user") | .id' <<<"$current")"
scope_existed=true
if [ -z "$scope_id" ]; then
  scope_id="$(new_uuid)"
  scope_existed=false
fi

# Graph replaces the whole `api` object on update, so every update sends all of it. Pre-authorisation refers to
# the scope id, so for a new scope it can only follow in a second update, once the scope exists.
api_without_preauth="$(jq -cn --arg scope "$scope_id" '{
  requestedAccessTokenVersion: 2,
  oauth2PermissionScopes: [{
    id: $scope, value: "access_as_user", type: "User", isEnabled: true,
    adminConsentDisplayName: "Use Guildhall as the signed-in user",
    adminConsentDescription: "Lets Teams, Outlook and the Microsoft 365 app call Guildhall as the signed-in user.",
    userConsentDisplayName: "Use Guildhall as you",
    userConsentDescription: "Lets Teams, Outlook and the Microsoft 365 app call Guildhall as you."
  }]
}')"
api_with_preauth="$(printf '%s\n' "${PREAUTHORIZED_CLIENT_IDS[@]}" | jq -Rnc --arg scope "$scope_id" --argjson api "$api_without_preauth" \
  '$api + {preAuthorizedApplications: [inputs | {appId: ., delegatedPermissionIds: [$scope]}]}')"
if [ "$scope_existed" = true ]; then first_api="$api_with_preauth"; else first_api="$api_without_preauth"; fi

log "exposing api://$tab_domain/$app_id with scope access_as_user, v2 tokens, optional claims and app role"
app_patch="$(jq -cn \
  --arg uri "api://$tab_domain/$app_id" \
  --arg role "$PLATFORM_OWNER_ROLE_ID" \
  --arg roleValue "$PLATFORM_OWNER_ROLE" \
  --arg graphApp "$GRAPH_APP_ID" \
  --argjson api "$first_api" \
  --argjson access "$resource_access" '
  def claims: [{name: "acct", essential: false}, {name: "idp", essential: false}, {name: "email", essential: false}];
  {
    signInAudience: "AzureADMyOrg",
    identifierUris: [$uri],
    groupMembershipClaims: "ApplicationGroup",
    api: $api,
    appRoles: [{
      id: $role, value: $roleValue, allowedMemberTypes: ["User"], isEnabled: true,
      displayName: "Guildhall platform owner",
      description: "Approves new communities and looks after Guildhall for the agency."
    }],
    optionalClaims: {idToken: claims, accessToken: (claims + [{name: "idtyp", essential: false}]), saml2Token: []},
    requiredResourceAccess: [{resourceAppId: $graphApp, resourceAccess: $access}]
  }')"
graph_call PATCH "/applications/$app_object_id" "$app_patch" >/dev/null
if [ "$scope_existed" = false ]; then
  graph_call PATCH "/applications/$app_object_id" "$(jq -cn --argjson api "$api_with_preauth" '{api: $api}')" >/dev/null
fi
app_sp_id="$(ensure_service_principal "$app_id")"

if [ "$skip_consent" = false ]; then
  log "granting admin consent for ${#GRAPH_APPLICATION_PERMISSIONS[@]} application and ${#GRAPH_DELEGATED_PERMISSIONS[@]} delegated Graph permissions"
  granted="$(graph_call GET "/servicePrincipals/$app_sp_id/appRoleAssignments?\$select=appRoleId,resourceId")"
  for role_id in "${role_ids[@]}"; do
    if [ -z "$(jq -r --arg r "$role_id" --arg g "$graph_sp_id" '.value[] | select(.appRoleId == $r and .resourceId == $g) | .appRoleId' <<<"$granted")" ]; then
      graph_call POST "/servicePrincipals/$graph_sp_id/appRoleAssignedTo" \
        "$(jq -cn --arg p "$app_sp_id" --arg g "$graph_sp_id" --arg r "$role_id" '{principalId: $p, resourceId: $g, appRoleId: $r}')" >/dev/null
    fi
  done
  scopes="${GRAPH_DELEGATED_PERMISSIONS[*]}"
  grant="$(graph_call GET "/oauth2PermissionGrants?\$filter=clientId%20eq%20'$app_sp_id'%20and%20consentType%20eq%20'AllPrincipals'%20and%20resourceId%20eq%20'$graph_sp_id'")"
  grant_id="$(jq -r '.value[0].id // empty' <<<"$grant")"
  if [ -n "$grant_id" ]; then
    graph_call PATCH "/oauth2PermissionGrants/$grant_id" "$(jq -cn --arg s "$scopes" '{scope: $s}')" >/dev/null
  else
    graph_call POST /oauth2PermissionGrants \
      "$(jq -cn --arg c "$app_sp_id" --arg r "$graph_sp_id" --arg s "$scopes" '{clientId: $c, consentType: "AllPrincipals", resourceId: $r, scope: $s}')" >/dev/null
  fi
else
  log "skipping admin consent (--skip-consent): an administrator must grant it before Guildhall can call Graph"
fi

bot_id=""
bot_object_id=""
if [ "$bot_type" = SingleTenant ]; then
  bot_ids="$(ensure_app "$display_name Bot")"
  read -r bot_id bot_object_id <<<"$bot_ids"
  graph_call PATCH "/applications/$bot_object_id" '{"signInAudience":"AzureADMyOrg"}' >/dev/null
  ensure_service_principal "$bot_id" >/dev/null
fi

if [ -n "$key_vault" ]; then
  arm="$(az cloud show --query endpoints.resourceManager -o tsv)"
  arm="${arm%/}"
  subscription_path="/subscriptions/$(az account show --query id -o tsv)"
  store_new_client_secret "$app_object_id" aad-app-client-secret
  if [ "$bot_type" = SingleTenant ]; then
    store_new_client_secret "$bot_object_id" bot-password
  fi
  log "restart the Web App to pick the new secrets up: bash infra/scripts/deploy.sh restart --env <name>"
fi

set_env_value AAD_APP_CLIENT_ID "$app_id"
set_env_value AAD_APP_OBJECT_ID "$app_object_id"
set_env_value AAD_APP_TENANT_ID "$tenant_id"
set_env_value AAD_APP_ACCESS_AS_USER_PERMISSION_ID "$scope_id"
if [ -n "$bot_id" ]; then
  set_env_value BOT_ID "$bot_id"
  set_env_value BOT_OBJECT_ID "$bot_object_id"
fi

printf 'AAD_APP_CLIENT_ID=%s\n' "$app_id"
printf 'AAD_APP_OBJECT_ID=%s\n' "$app_object_id"
printf 'AAD_APP_TENANT_ID=%s\n' "$tenant_id"
if [ -n "$bot_id" ]; then
  printf 'BOT_ID=%s\n' "$bot_id"
  printf 'BOT_OBJECT_ID=%s\n' "$bot_object_id"
fi
log "done. Attendance reports also need the Teams application access policy (docs/operations.md)."
