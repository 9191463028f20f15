/**
 * Endpoints for each Microsoft cloud Guildhall can run in. One setting (`CLOUD`) selects a row;
 * nothing else in the code names a Microsoft host. Values: ../shared/teams-platform.md and the
 * national-clouds page of the Graph documentation.
 */
export const CLOUD_NAMES = ["Public", "GCC", "USGov", "USGovDoD"] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface BotFrameworkEndpoints {
  /** Empty string means the public Bot Framework channel service. */
  channelService: string;
  oAuthUrl: string;
  toChannelFromBotLoginUrl: string;
  toChannelFromBotOAuthScope: string;
  toBotFromChannelTokenIssuer: string;
  toBotFromChannelOpenIdMetadataUrl: string;
  /** Bot Framework channel ids in `serviceUrl` for proactive messages (documentation marks the path unverified). */
  proactiveServiceUrl: string;
  /**
   * The only hosts an incoming activity's `serviceUrl` may name (https, default port): Teams' Bot Framework
   * service of this cloud. The bot sends every reply there, so any other host is refused.
   */
  serviceUrlHosts: readonly string[];
}

export interface CloudEndpoints {
  /** Graph root without version, e.g. https://graph.microsoft.com */
  graph: string;
  /** Entra sign-in host, e.g. https://login.microsoftonline.com */
  login: string;
  /** Teams web client, the host of deep links (https://teams.microsoft.com, gov./dod.teams.microsoft.us). */
  teamsWeb: string;
  /** The Entra resource of Azure Database for PostgreSQL (managed-identity sign-in). */
  postgresResource: string;
  botFramework: BotFrameworkEndpoints;
  /** Teams-side capabilities that differ by cloud. */
  capabilities: {
    proactiveAppInstall: boolean;
    cardImageUrls: boolean;
    sharedChannels: boolean;
  };
}

const publicBotFramework: BotFrameworkEndpoints = {
  channelService: "",
  oAuthUrl: "https://api.botframework.com",
  toChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
  toChannelFromBotOAuthScope: "https://api.botframework.com",
  toBotFromChannelTokenIssuer: "https://api.botframework.com",
  toBotFromChannelOpenIdMetadataUrl: "https://login.botframework.com/v1/.well-known/openidconfiguration",
  proactiveServiceUrl: "https://smba.trafficmanager.net/teams",
  serviceUrlHosts: ["smba.trafficmanager.net"],
};

const usGovBotFramework: BotFrameworkEndpoints = {
  channelService: "https://botframework.azure.us",
  oAuthUrl: "https://tokengcch.botframework.azure.us/",
  toChannelFromBotLoginUrl: "https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us",
  toChannelFromBotOAuthScope: "https://api.botframework.us",
  toBotFromChannelTokenIssuer: "https://api.botframework.us",
  toBotFromChannelOpenIdMetadataUrl: "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
  proactiveServiceUrl: "https://smba.infra.gov.teams.microsoft.us/teams",
  serviceUrlHosts: ["smba.infra.gov.teams.microsoft.us"],
};

export const CLOUDS: Readonly<Record<CloudName, CloudEndpoints>> = {
  Public: {
    graph: "https://graph.microsoft.com",
    login: "https://login.microsoftonline.com",
    teamsWeb: "https://teams.microsoft.com",
    postgresResource: "https://ossrdbms-aad.database.windows.net",
    botFramework: publicBotFramework,
    capabilities: { proactiveAppInstall: true, cardImageUrls: true, sharedChannels: true },
  },
  GCC: {
    graph: "https://graph.microsoft.com",
    login: "https://login.microsoftonline.com",
    teamsWeb: "https://teams.microsoft.com",
    postgresResource: "https://ossrdbms-aad.database.windows.net",
    botFramework: {
      ...publicBotFramework,
      proactiveServiceUrl: "https://smba.infra.gcc.teams.microsoft.com/teams",
      serviceUrlHosts: ["smba.infra.gcc.teams.microsoft.com"],
    },
    capabilities: { proactiveAppInstall: true, cardImageUrls: true, sharedChannels: true },
  },
  USGov: {
    graph: "https://graph.microsoft.us",
    login: "https://login.microsoftonline.us",
    teamsWeb: "https://gov.teams.microsoft.us",
    postgresResource: "https://ossrdbms-aad.database.usgovcloudapi.net",
    botFramework: usGovBotFramework,
    capabilities: { proactiveAppInstall: false, cardImageUrls: false, sharedChannels: false },
  },
  USGovDoD: {
    graph: "https://dod-graph.microsoft.us",
    login: "https://login.microsoftonline.us",
    teamsWeb: "https://dod.teams.microsoft.us",
    postgresResource: "https://ossrdbms-aad.database.usgovcloudapi.net",
    botFramework: {
      ...usGovBotFramework,
      oAuthUrl: "https://apiDoD.botframework.azure.us",
      proactiveServiceUrl: "https://smba.infra.dod.teams.microsoft.us/teams",
      serviceUrlHosts: ["smba.infra.dod.teams.microsoft.us"],
    },
    capabilities: { proactiveAppInstall: false, cardImageUrls: false, sharedChannels: false },
  },
};
