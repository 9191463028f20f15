// Guildhall in an agency's own Azure subscription: one resource group holding
//   - a Linux Web App (Node 22 LTS) running N instances of the server, VNet-integrated;
//   - a user-assigned managed identity the Web App uses to read Key Vault;
//   - Key Vault (RBAC, purge protection, private endpoint only) with the app's secrets;
//   - Azure Database for PostgreSQL flexible server 16 with private access;
//   - an Azure Bot (single-tenant) with the Microsoft Teams channel;
//   - optionally, a Log Analytics workspace (enableLogAnalytics, off by default). No Application Insights.
// Deploy with `bash infra/scripts/deploy.sh infra --env <name>` or the Agents Toolkit (m365agents.yml).
// Runbook: docs/operations.md.

targetScope = 'resourceGroup'

@minLength(3)
@maxLength(20)
@description('Lower-case base name for every resource. The Web App is named exactly this, so the tab domain is <baseName>.azurewebsites.net (<baseName>.azurewebsites.us in Azure Government).')
param baseName string

param location string = resourceGroup().location

@allowed([
  'Public'
  'GCC'
  'USGov'
  'USGovDoD'
])
@description('Microsoft 365 cloud of the tenant (the server\'s CLOUD setting): Public (incl. Australian OFFICIAL/PROTECTED tenants), GCC, USGov (GCC High) or USGovDoD.')
param cloud string

@description('Entra tenant holding the app registrations and the bot.')
param entraTenantId string = tenant().tenantId

@description('Client id of the Guildhall Entra app (tab SSO audience and Graph client).')
param aadAppClientId string

@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botType string = 'SingleTenant'

@description('Client id of the single-tenant bot app registration. Ignored when botType is UserAssignedMSI (the managed identity is the bot).')
param botClientId string = ''

@description('Comma-separated Entra tenant ids whose people may use Guildhall.')
param allowedTenantIds string

@description('Comma-separated verified email domains of eligible public servants (".gov.au" admits subdomains).')
param allowedEmailDomains string

param allowGuestsFromAllowedTenants bool = false

@description('Comma-separated Entra group ids whose members are platform owners (optional; the app role works without it).')
param platformOwnerGroupIds string = ''

@secure()
@description('Client secret of the Guildhall app. Empty leaves the Key Vault secret as it is (infra/scripts/register-app.sh writes it).')
param aadAppClientSecret string = ''

@secure()
@description('Client secret of the bot app. Empty leaves the Key Vault secret as it is.')
param botPassword string = ''

@secure()
@description('PostgreSQL administrator password. Required when the server is first created; empty afterwards keeps the current one.')
param postgresAdminPassword string = ''

param postgresAdminLogin string = 'guildhall_admin'

@secure()
@description('With databaseAuth=password: the password of the app\'s own PostgreSQL role (postgresAppLogin), which owns nothing and may only read and append to the audit log. Required on first creation; empty afterwards keeps the current one.')
param postgresAppPassword string = ''

@description('With databaseAuth=password: the app\'s own PostgreSQL role; the administrator runs migrations and creates it.')
param postgresAppLogin string = 'guildhall_app'

@description('PostgreSQL server name; empty means <baseName>-psql. Set it to a restored server to move the app onto it (docs/operations.md, "Backup and restore").')
param postgresServerName string = ''

@description('App Service plan SKU.')
param appServiceSku string = 'P1v3'

@minValue(1)
@maxValue(30)
param instanceCount int = 2

param zoneRedundant bool = false

@description('Allow basic (publishing-credential) auth for SCM deployments; needed by the Agents Toolkit zipDeploy action.')
param allowScmBasicAuth bool = false

param publicHostName string = ''

param postgresSkuName string = 'Standard_D2ds_v5'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'GeneralPurpose'

param postgresStorageGB int = 32

@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 35

@description('Geo-redundant backups (only where the region pair supports them).')
param postgresGeoRedundantBackup bool = false

@allowed([
  'Disabled'
  'SameZone'
  'ZoneRedundant'
])
param postgresHighAvailability string = 'Disabled'

@description('Optional Entra administrator of the PostgreSQL server: { objectId, principalName, principalType }.')
param postgresEntraAdmin object = {}

@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

param vnetAddressPrefix string = '10.40.0.0/16'
param appSubnetPrefix string = '10.40.1.0/24'
param postgresSubnetPrefix string = '10.40.2.0/24'
param privateEndpointSubnetPrefix string = '10.40.3.0/24'
param enableNatGateway bool = true

@description('Send Web App, PostgreSQL and Key Vault logs to a Log Analytics workspace in this resource group. Off by default.')
param enableLogAnalytics bool = false

@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@minValue(1)
@maxValue(200)
@description('Connections per instance for the app pool (pg-boss adds up to 4 more). Keep instances x (this + 4) under the server\'s max_connections.')
param databasePoolMax int = 10

@allowed([
  'managed-identity'
  'password'
])
@description('How the app signs in to PostgreSQL: with an Entra token for its user-assigned managed identity (no database password in the app), or as the server administrator with the password.')
param databaseAuth string = 'managed-identity'

@description('The Teams team whose channels host communities (its group id). Empty: communities work in Guildhall and their Teams links stay pending.')
param graphHostTeamId string = ''

@description('The Teams app id (manifest id), for activity-feed notices that deep-link into the tab.')
param teamsAppId string = ''

@allowed([
  'OFFICIAL'
  'OFFICIAL_SENSITIVE'
  'PROTECTED'
])
@description('MAX_CLASSIFICATION: the highest classification this environment is accredited to hold. Proposals above it are refused. No default: say it for each environment (PROTECTED only in a PROTECTED-assessed one).')
param maxClassification string

param tags object = {
  application: 'guildhall'
}

// The Agents Toolkit leaves ${{NAME}} untouched when NAME is empty; never let that text become a password, a
// secret or a setting.
var unresolvedPlaceholder = '\${{'
var aadAppClientSecretValue = startsWith(aadAppClientSecret, unresolvedPlaceholder) ? '' : aadAppClientSecret
var botPasswordValue = startsWith(botPassword, unresolvedPlaceholder) ? '' : botPassword
var postgresAdminPasswordValue = startsWith(postgresAdminPassword, unresolvedPlaceholder) ? '' : postgresAdminPassword
var postgresAppPasswordValue = startsWith(postgresAppPassword, unresolvedPlaceholder) ? '' : postgresAppPassword
var platformOwnerGroupIdsValue = startsWith(platformOwnerGroupIds, unresolvedPlaceholder) ? '' : platformOwnerGroupIds
var postgresServerNameValue = (empty(postgresServerName) || startsWith(postgresServerName, unresolvedPlaceholder)) ? '${baseName}-psql' : postgresServerName

var databaseName = 'guildhall'
var usGovernment = environment().name == 'AzureUSGovernment'
var postgresDnsSuffix = usGovernment ? 'postgres.database.usgovcloudapi.net' : 'postgres.database.azure.com'
var keyVaultPrivateDnsZoneName = 'privatelink${replace(environment().suffixes.keyvaultDns, 'vault', 'vaultcore')}'
var keyVaultName = take('${baseName}-kv', 24)
var logAnalyticsName = '${baseName}-logs'
var logAnalyticsWorkspaceId = enableLogAnalytics ? resourceId('Microsoft.OperationalInsights/workspaces', logAnalyticsName) : ''

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-id'
  location: location
  tags: tags
}

// Two database roles (docs/operations.md, "Database roles"): this identity is the PostgreSQL Entra
// administrator that runs migrations at start-up and owns the schema; the app's own identity above signs in as
// a role that owns nothing, with INSERT and SELECT only on the audit log.
resource ownerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (databaseAuth == 'managed-identity') {
  name: '${baseName}-db-owner-id'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = if (enableLogAnalytics) {
  name: 'monitoring'
  params: {
    name: logAnalyticsName
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    name: '${baseName}-vnet'
    location: location
    tags: tags
    vnetAddressPrefix: vnetAddressPrefix
    appSubnetPrefix: appSubnetPrefix
    postgresSubnetPrefix: postgresSubnetPrefix
    privateEndpointSubnetPrefix: privateEndpointSubnetPrefix
    enableNatGateway: enableNatGateway
    postgresPrivateDnsZoneName: '${baseName}.private.${postgresDnsSuffix}'
    keyVaultPrivateDnsZoneName: keyVaultPrivateDnsZoneName
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    name: postgresServerNameValue
    location: location
    tags: tags
    tenantId: entraTenantId
    delegatedSubnetId: network.outputs.postgresSubnetId
    privateDnsZoneId: network.outputs.postgresPrivateDnsZoneId
    databaseName: databaseName
    adminLogin: postgresAdminLogin
    adminPassword: postgresAdminPasswordValue
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageGB
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    highAvailability: postgresHighAvailability
    entraAdmin: postgresEntraAdmin
    ownerIdentity: databaseAuth == 'managed-identity' ? {
      objectId: ownerIdentity!.properties.principalId
      principalName: ownerIdentity!.name
    } : {}
    logAnalyticsWorkspaceId: logAnalyticsWorkspaceId
  }
  dependsOn: [
    monitoring
  ]
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    tenantId: entraTenantId
    privateEndpointSubnetId: network.outputs.privateEndpointSubnetId
    privateDnsZoneId: network.outputs.keyVaultPrivateDnsZoneId
    readerPrincipalId: identity.properties.principalId
    logAnalyticsWorkspaceId: logAnalyticsWorkspaceId
    aadAppClientSecret: aadAppClientSecretValue
    botPassword: botType == 'SingleTenant' ? botPasswordValue : ''
    // With managed identity the URL names the identity and carries no password (the app asks App Service for
    // an Entra token per connection); with password auth it is the administrator's URL, composed here.
    databaseUrl: databaseAuth == 'managed-identity' ? 'postgresql://${uriComponent(identity.name)}@${postgres.outputs.fqdn}:5432/${databaseName}' : databaseUrlForApp
    // The owner that migrates: the owner identity (no password), or the administrator with its password.
    databaseMigrationUrl: databaseAuth == 'managed-identity' ? 'postgresql://${uriComponent(ownerIdentity!.name)}@${postgres.outputs.fqdn}:5432/${databaseName}' : databaseUrlWithPassword
  }
  dependsOn: [
    monitoring
  ]
}

var databaseUrlWithPassword = empty(postgresAdminPasswordValue) ? '' : 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPasswordValue)}@${postgres.outputs.fqdn}:5432/${databaseName}'
var databaseUrlForApp = empty(postgresAppPasswordValue) ? '' : 'postgresql://${postgresAppLogin}:${uriComponent(postgresAppPasswordValue)}@${postgres.outputs.fqdn}:5432/${databaseName}'
var botAppId = botType == 'UserAssignedMSI' ? identity.properties.clientId : botClientId

module app 'modules/appservice.bicep' = {
  name: 'appservice'
  params: {
    name: baseName
    location: location
    tags: tags
    skuName: appServiceSku
    instanceCount: instanceCount
    zoneRedundant: zoneRedundant
    allowScmBasicAuth: allowScmBasicAuth
    appSubnetId: network.outputs.appSubnetId
    identityId: identity.id
    keyVaultUri: keyVault.outputs.vaultUri
    publicHostName: publicHostName
    cloud: cloud
    tenantId: entraTenantId
    aadAppClientId: aadAppClientId
    botType: botType
    botAppId: botAppId
    allowedTenantIds: allowedTenantIds
    allowedEmailDomains: allowedEmailDomains
    allowGuestsFromAllowedTenants: allowGuestsFromAllowedTenants
    platformOwnerGroupIds: platformOwnerGroupIdsValue
    graphHostTeamId: graphHostTeamId
    teamsAppId: teamsAppId
    maxClassification: maxClassification
    databaseAuth: databaseAuth
    databaseIdentityClientId: identity.properties.clientId
    ownerIdentityId: databaseAuth == 'managed-identity' ? ownerIdentity!.id : ''
    databaseMigrationIdentityClientId: databaseAuth == 'managed-identity' ? ownerIdentity!.properties.clientId : ''
    databasePoolMax: databasePoolMax
    logLevel: logLevel
    logAnalyticsWorkspaceId: logAnalyticsWorkspaceId
  }
  dependsOn: [
    monitoring
    postgres
  ]
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: '${baseName}-bot'
    tags: tags
    displayName: 'Guildhall'
    endpoint: 'https://${app.outputs.publicHost}/api/messages'
    msaAppType: botType
    msaAppId: botAppId
    msaAppTenantId: entraTenantId
    msaAppMSIResourceId: identity.id
    sku: botSku
    cloud: cloud
  }
}

// Names are upper case so the Agents Toolkit's arm/deploy writes them straight into env/.env.<name>.
output TAB_DOMAIN string = app.outputs.publicHost
output TAB_ENDPOINT string = 'https://${app.outputs.publicHost}'
output BOT_ENDPOINT string = 'https://${app.outputs.publicHost}/api/messages'
output AZURE_APP_SERVICE_RESOURCE_ID string = app.outputs.siteId
output AZURE_APP_SERVICE_NAME string = app.outputs.siteName
output KEY_VAULT_NAME string = keyVault.outputs.name
output POSTGRES_SERVER_NAME string = postgres.outputs.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
