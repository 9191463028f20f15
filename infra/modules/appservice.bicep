// Linux App Service plan and Web App running N identical instances of the one Guildhall server on Node 22 LTS.
// Every environment variable the server's configuration (src/server/config.ts) requires in production is set
// here with exactly the name config.ts reads; secrets are Key Vault references resolved by App Service with the
// user-assigned managed identity, never literal values. tests/unit/infra.test.ts checks both.

param name string
param location string
param tags object

@description('App Service plan SKU, e.g. P1v3 (production) or B1 (dev).')
param skuName string

@minValue(1)
@maxValue(30)
@description('Number of instances. The server is stateless (state in PostgreSQL, jobs in pg-boss), so any N works.')
param instanceCount int

@description('Spread instances across availability zones (needs a zonal region, a Premium v3 plan and 2+ instances).')
param zoneRedundant bool

@description('Allow publishing-credential (basic) authentication for SCM. The Agents Toolkit zipDeploy action uses it; infra/scripts/deploy.sh does not.')
param allowScmBasicAuth bool

param appSubnetId string
param identityId string
@description('The database owner\'s identity (managed-identity auth), assigned too so an instance can migrate at start-up; empty otherwise.')
param ownerIdentityId string = ''
param keyVaultUri string

@description('Custom host name bound outside this template; empty uses the default *.azurewebsites.net (or .us) host.')
param publicHostName string

@allowed([
  'Public'
  'GCC'
  'USGov'
  'USGovDoD'
])
param cloud string
param tenantId string
param aadAppClientId string
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botType string
param botAppId string
param allowedTenantIds string
param allowedEmailDomains string
param allowGuestsFromAllowedTenants bool
param platformOwnerGroupIds string
@allowed([
  'managed-identity'
  'password'
])
param databaseAuth string
@description('Client id of the user-assigned identity that signs in to PostgreSQL (managed-identity auth).')
param databaseIdentityClientId string
@description('Client id of the database owner\'s identity, which runs migrations (managed-identity auth).')
param databaseMigrationIdentityClientId string = ''
@description('Host team for community channels; empty leaves Graph provisioning off.')
param graphHostTeamId string
@description('Teams app id for deep links in activity-feed notices; empty links to the web address instead.')
param teamsAppId string
@description('The highest classification the environment may hold (MAX_CLASSIFICATION).')
param maxClassification string
param databasePoolMax int
param logLevel string

@description('Log Analytics workspace for console, HTTP and platform logs; empty keeps logs off.')
param logAnalyticsWorkspaceId string = ''

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true
    zoneRedundant: zoneRedundant
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: empty(ownerIdentityId) ? {
      '${identityId}': {}
    } : {
      '${identityId}': {}
      '${ownerIdentityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: appSubnetId
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/server/main.js'
      healthCheckPath: '/readyz'
      alwaysOn: true
      http20Enabled: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      vnetRouteAllEnabled: true
      webSocketsEnabled: false
    }
  }
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: allowScmBasicAuth
  }
}

var publicHost = empty(publicHostName) ? site.properties.defaultHostName : publicHostName

// Versionless Key Vault references: App Service picks up a new secret version on restart (or within 24 hours).
var appSettings = union({
  NODE_ENV: 'production'
  PUBLIC_URL: 'https://${publicHost}'
  TAB_DOMAIN: publicHost
  CLOUD: cloud
  AUTH_MODE: 'entra'
  AAD_APP_CLIENT_ID: aadAppClientId
  AAD_APP_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/aad-app-client-secret/)'
  AAD_APP_TENANT_ID: tenantId
  BOT_ID: botAppId
  BOT_TENANT_ID: tenantId
  BOT_TYPE: botType
  ALLOWED_TENANT_IDS: allowedTenantIds
  ALLOWED_EMAIL_DOMAINS: allowedEmailDomains
  ALLOW_GUESTS_FROM_ALLOWED_TENANTS: string(allowGuestsFromAllowedTenants)
  PLATFORM_OWNER_GROUP_IDS: platformOwnerGroupIds
  DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/database-url/)'
  DATABASE_MIGRATION_URL: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/database-migration-url/)'
  DATABASE_SSL: 'verify-full'
  DATABASE_AUTH: databaseAuth
  DATABASE_POOL_MAX: string(databasePoolMax)
  DEMO_DATA: 'false'
  ANONYMITY_HMAC_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/anonymity-hmac-secret/)'
  LOG_LEVEL: logLevel
  MAX_CLASSIFICATION: maxClassification
  TRUST_PROXY: '1'
  REQUIRE_HTTPS: 'true'
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  WEBSITE_HEALTHCHECK_MAXPINGFAILURES: '3'
}, botType == 'SingleTenant' ? {
  BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/bot-password/)'
} : {}, databaseAuth == 'managed-identity' ? {
  DATABASE_IDENTITY_CLIENT_ID: databaseIdentityClientId
  DATABASE_MIGRATION_IDENTITY_CLIENT_ID: databaseMigrationIdentityClientId
} : {}, empty(graphHostTeamId) ? {} : {
  GRAPH_HOST_TEAM_ID: graphHostTeamId
}, empty(teamsAppId) ? {} : {
  TEAMS_APP_ID: teamsAppId
})

resource settings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId)) {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

output siteId string = site.id
output siteName string = site.name
output publicHost string = publicHost
