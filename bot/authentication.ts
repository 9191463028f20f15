/**
 * Bot Framework channel authentication for the configured cloud, built from the server's config.
 * botbuilder does the work (ConfigurationBotFrameworkAuthentication); this module only feeds it the
 * endpoints and credentials, and notes which requests failed on the token itself.
 */
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import type { BotOptions } from "./options.js";

/**
 * The settings ConfigurationBotFrameworkAuthentication reads. Every endpoint comes from the options (one
 * row of the server's cloud table), so a US Gov deployment validates and fetches US Gov tokens. In local
 * mode there are no credentials at all, which is what makes botbuilder skip authentication.
 */
export function authenticationSettings(options: BotOptions): ConfigurationBotFrameworkAuthenticationOptions {
  const bf = options.botFramework;
  const endpoints: ConfigurationBotFrameworkAuthenticationOptions = {
    ChannelService: bf.channelService,
    OAuthUrl: bf.oAuthUrl,
    ToChannelFromBotLoginUrl: bf.toChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: bf.toChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: bf.toBotFromChannelTokenIssuer,
    ToBotFromChannelOpenIdMetadataUrl: bf.toBotFromChannelOpenIdMetadataUrl,
    ValidateAuthority: true,
    // Explicit endpoints switch botbuilder to its "parameterized" mode, which no longer sets the caller
    // id it would have chosen for the cloud; set it the same way.
    CallerId: bf.channelService === "" ? CallerIdConstants.PublicAzureChannel : CallerIdConstants.USGovChannel,
  };
  if (options.appId === "") {
    return { ...endpoints, MicrosoftAppId: "", MicrosoftAppPassword: "" };
  }
  return {
    ...endpoints,
    MicrosoftAppId: options.appId,
    MicrosoftAppType: options.type,
    MicrosoftAppTenantId: options.tenantId,
    ...(options.type === "SingleTenant" ? { MicrosoftAppPassword: options.password } : {}),
  };
}

/** Errors `jsonwebtoken` throws for a token that is malformed, unsigned, badly signed or not yet valid. */
const TOKEN_ERRORS: ReadonlySet<string> = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/**
 * botbuilder answers 401 to most bad tokens but lets `jsonwebtoken`'s own errors (bad signature,
 * `alg: none`, garbage) escape as a 500. This remembers which activities failed that way so the HTTP
 * layer can answer 401: a refused token is the caller's fault, not a server error.
 */
export class GuildhallBotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly rejected = new WeakSet<object>();

  constructor(options: BotOptions) {
    super(authenticationSettings(options));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof Error && TOKEN_ERRORS.has(err.name)) this.rejected.add(activity);
      throw err;
    }
  }

  /** Whether this activity object was refused because of its token. */
  wasTokenRejected(activity: object): boolean {
    return this.rejected.has(activity);
  }
}
