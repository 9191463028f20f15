// Key Vault holding Guildhall's secrets: the Entra app's client secret, the bot password, the PostgreSQL
// connection string and the anonymity HMAC secret. RBAC only, purge protection on, no public network access:
// the Web App reads it through the private endpoint, using the user-assigned managed identity.
//
// Secrets reach the vault in two ways, never as literals in this repository:
//   - from @secure() parameters, when they are not empty (the Agents Toolkit path, and DATABASE_URL which is
//     composed from the PostgreSQL admin password);
//   - from infra/scripts/register-app.sh and infra/scripts/deploy.sh, which write through Azure Resource
//     Manager (control plane), so they work while the vault refuses public data-plane access.
// The anonymity HMAC secret is written only by deploy.sh and only when absent: a deployment never rotates it.

param name string
param location string
param tags object
param tenantId string
param privateEndpointSubnetId string
param privateDnsZoneId string

@description('Principal (object) id of the managed identity that may read secrets.')
param readerPrincipalId string

@description('Log Analytics workspace for audit events; empty keeps logs off.')
param logAnalyticsWorkspaceId string = ''

@secure()
param aadAppClientSecret string = ''

@secure()
param botPassword string = ''

@secure()
param databaseUrl string = ''

@secure()
@description('The owner role that runs migrations (DATABASE_MIGRATION_URL); the app connects with databaseUrl.')
param databaseMigrationUrl string = ''

// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
  }
}

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource aadAppClientSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(aadAppClientSecret)) {
  parent: vault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
    contentType: 'text/plain'
  }
}

resource botPasswordValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botPassword)) {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botPassword
    contentType: 'text/plain'
  }
}

resource databaseUrlValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(databaseUrl)) {
  parent: vault
  name: 'database-url'
  properties: {
    value: databaseUrl
    contentType: 'text/plain'
  }
}

resource databaseMigrationUrlValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(databaseMigrationUrl)) {
  parent: vault
  name: 'database-migration-url'
  properties: {
    value: databaseMigrationUrl
    contentType: 'text/plain'
  }
}

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2023-11-01' = {
  name: '${name}-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: vault.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource privateEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = {
  parent: privateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'vault'
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsWorkspaceId)) {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

output id string = vault.id
output name string = vault.name
@description('Ends with a slash, e.g. https://name.vault.azure.net/')
output vaultUri string = vault.properties.vaultUri
