/**
 * What the bot needs from the server, declared structurally so bot/ never imports server code. The
 * composition root (src/server) builds these from the validated config and the eligibility policy.
 */

/** Bot Framework endpoints for one cloud; the same shape as src/server/clouds.ts `BotFrameworkEndpoints`. */
export interface BotFrameworkEndpointSettings {
  /** "" for the public cloud (Global and GCC), the US Gov channel service otherwise. */
  channelService: string;
  oAuthUrl: string;
  toChannelFromBotLoginUrl: string;
  toChannelFromBotOAuthScope: string;
  toBotFromChannelTokenIssuer: string;
  toBotFromChannelOpenIdMetadataUrl: string;
  /** Hosts Teams' Bot Framework service uses in `serviceUrl` in this cloud; with an empty app id only loopback is allowed. */
  serviceUrlHosts: readonly string[];
}

/** A pino-compatible logger. Callers pass objects without message text, answers or personal data. */
export interface BotLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** One security-relevant event for the append-only audit log. */
export interface BotAuditEvent {
  event: string;
  outcome: "allowed" | "denied" | "info";
  tenantId?: string;
  objectId?: string;
  detail?: Record<string, unknown>;
}

export interface BotOptions {
  /** "" in local mode: botbuilder then accepts unauthenticated traffic (Agents Playground). Never "" in production. */
  appId: string;
  password: string;
  tenantId: string;
  type: "SingleTenant" | "UserAssignedMSI";
  botFramework: BotFrameworkEndpointSettings;
  /** false in the US Gov clouds, whose Teams clients cannot fetch image URLs in cards. */
  cardImagesAsUrls: boolean;
  /** The eligibility policy's tenant check (deny by default). */
  isTenantAllowed(tenantId: string | undefined): boolean;
  /** The app's public https address, for "Open Guildhall" links; undefined when not configured. */
  publicUrl: string | undefined;
  logger: BotLogger;
  audit(event: BotAuditEvent): Promise<void>;
  /**
   * The language a person chose in Guildhall (people.locale), or null when they follow Teams. The bot answers a
   * 1:1 chat in it; without this, or in a channel, it answers in the activity's locale.
   */
  savedLocale?(person: { tenantId: string; objectId: string }): Promise<string | null | undefined>;
}

/** The parts of an HTTP request the bot reads; `body` is the parsed JSON activity. */
export interface BotHttpRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface BotHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /**
   * Set when the bot itself refused the request (a 403 for an untrusted `serviceUrl`): a stable id and what the
   * server's refusal audit may record about it. Never sent to the caller, and never anything the activity claims
   * about who sent it.
   */
  refusal?: BotRefusal;
}

export interface BotRefusal {
  id: "bot.service_url_refused";
  detail: { serviceUrlHost: string | null };
}

export interface GuildhallBot {
  /** Process one POST /api/messages request. Never throws; failures become a status code. */
  handle(req: BotHttpRequest): Promise<BotHttpResponse>;
}
