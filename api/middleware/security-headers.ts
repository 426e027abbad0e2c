import { secureHeaders } from "hono/secure-headers";

/**
 * Security headers on every response. SurveyJS sets inline styles on its elements, so styles allow
 * 'unsafe-inline'; scripts come only from our own origin (the Vite build emits no inline script).
 * Images may be data: URLs (SurveyJS icons, signature previews).
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "blob:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: "same-origin",
});
