// DO NOT EDIT — generated from openapi/openapi.yaml by scripts/generate.mjs

import type { OpenApiDocument } from '../openapi-document-type.js';

/** The Max API v1 OpenAPI document (openapi/openapi.yaml) as a value. */
export const openapiDocument: OpenApiDocument = {
  "openapi": "3.1.0",
  "info": {
    "title": "Max API v1",
    "version": "1.0.0",
    "summary": "REST API of the Max platform-as-a-service.",
    "description": "Max hosts apps inside networks. This document is the single source of truth for the wire contract:\nthe server (max-local) validates against it, the SDK is typed from it, and tests check real\nresponses against it.\n\nConventions that hold for every operation:\n\n- JSON bodies, snake_case field names, RFC 3339 times.\n- `Authorization: Bearer <token>` with an access token (`mxa_…`) or an API token (`mxp_…`).\n- Every response carries `x-request-id`; error bodies repeat it as `error.request_id`.\n- Every error has one shape, the `Error` schema, with a stable `code`.\n- Lists take `limit` and `cursor` and answer `{data, next_cursor}`; `next_cursor` is null on the last page.\n- Every POST accepts an `Idempotency-Key` header.\n\nReal-time streams (logs, deployment progress, shell and command I/O, events) use Phoenix Channels on\n`/socket/websocket`; they are described in `docs/protocol.md`.\n",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    }
  },
  "servers": [
    {
      "url": "http://127.0.0.1:4000",
      "description": "max-local on its default port"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "tags": [
    {
      "name": "Health",
      "description": "Liveness of the platform process."
    },
    {
      "name": "Auth",
      "description": "Device authorization, token refresh and exchange, revocation, and long-lived API tokens."
    },
    {
      "name": "Me",
      "description": "The authenticated user and the credential in use."
    },
    {
      "name": "OIDC",
      "description": "Trust policies for keyless CI login with OpenID Connect ID tokens (docs/oidc.md)."
    },
    {
      "name": "Networks",
      "description": "Networks group apps; a network name is unique across the platform because it is part of DNS names."
    },
    {
      "name": "Apps",
      "description": "Apps live in a network and get the hostname `<app>.<network>.<domain>`."
    },
    {
      "name": "Vars",
      "description": "Plain configuration at network or app scope; app vars override network vars."
    },
    {
      "name": "Secrets",
      "description": "Write-only configuration; after it is set only its key, a digest and timestamps are returned."
    },
    {
      "name": "Env",
      "description": "The effective environment an app's process sees."
    },
    {
      "name": "Blobs",
      "description": "Content-addressed file storage for deployments; only blobs the platform lacks are uploaded."
    },
    {
      "name": "Deployments",
      "description": "An upload of source and its build, from `uploading` to `running`, `failed`, `rolled_back` or `cancelled`."
    },
    {
      "name": "Releases",
      "description": "Numbered per app; a deployment plus a config snapshot. Config changes make releases too."
    },
    {
      "name": "Logs",
      "description": "Log history with sequence numbers; live tails use channels (docs/protocol.md)."
    },
    {
      "name": "Runs",
      "description": "One-off commands in an app's or network's environment."
    },
    {
      "name": "Shells",
      "description": "Interactive PTY sessions in an app's or network's environment."
    },
    {
      "name": "Dashboard",
      "description": "One round trip for an overview screen."
    },
    {
      "name": "Config",
      "description": "Configuration as code, with export, plan and atomic apply."
    },
    {
      "name": "Events",
      "description": "The audit history of every change, newest first."
    }
  ],
  "paths": {
    "/healthz": {
      "get": {
        "operationId": "healthz",
        "summary": "Check that the platform process is up",
        "tags": [
          "Health"
        ],
        "security": [],
        "responses": {
          "200": {
            "description": "The process is serving requests.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/auth/device/code": {
      "post": {
        "operationId": "requestDeviceCode",
        "summary": "Start a device authorization (RFC 8628 style)",
        "description": "Returns a device code for the client to poll with and a user code for the person to confirm in a browser\nat `verification_uri`. Device-flow logins default to the `admin` scope.\n",
        "tags": [
          "Auth"
        ],
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DeviceCodeRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "A new device authorization.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeviceAuthorization"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/auth/device/token": {
      "post": {
        "operationId": "pollDeviceToken",
        "summary": "Poll a device authorization for its tokens",
        "description": "Answers 200 with tokens once the person approved the code. Until then it answers 400 with one of the\ndevice-flow codes: `authorization_pending` (keep polling at `interval`), `slow_down` (polled faster than\n`interval`; add 5 seconds to the interval), `expired_token` (start over), `access_denied` (the person\ndeclined).\n",
        "tags": [
          "Auth"
        ],
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DeviceTokenRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The authorization was approved; here are the tokens.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/DeviceFlowError"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/auth/token": {
      "post": {
        "operationId": "createToken",
        "summary": "Refresh a session or exchange an API token for a session",
        "description": "`grant_type: refresh_token` rotates the refresh token: the presented one is dead afterwards, and presenting\na used refresh token again answers 401 `unauthenticated` and revokes the whole token family.\n`grant_type: token_exchange` turns an API token into a session for its user, with the API token's scope.\n",
        "tags": [
          "Auth"
        ],
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TokenRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "A fresh access token and refresh token.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/auth/revoke": {
      "post": {
        "operationId": "revokeToken",
        "summary": "Revoke a token (RFC 7009 style)",
        "description": "Always answers 204, for unknown tokens too, so the endpoint cannot be used to probe tokens. Revoking a\nrefresh token also revokes the access tokens issued with it.\n",
        "tags": [
          "Auth"
        ],
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RevokeRequest"
              }
            }
          }
        },
        "responses": {
          "204": {
            "description": "Revoked, or there was nothing to revoke.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/auth/tokens": {
      "get": {
        "operationId": "listApiTokens",
        "summary": "List your API tokens",
        "description": "The secret token values are never listed; they are shown once, at creation.",
        "tags": [
          "Auth"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of API tokens, newest first.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ApiTokenPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "post": {
        "operationId": "createApiToken",
        "summary": "Create an API token",
        "description": "Needs the `admin` scope. The response holds the token value; it is never shown again.",
        "tags": [
          "Auth"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ApiTokenCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new API token, with its secret value.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ApiTokenCreated"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/auth/tokens/{token_id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/TokenId"
        }
      ],
      "delete": {
        "operationId": "deleteApiToken",
        "summary": "Delete (revoke) an API token",
        "description": "Needs the `admin` scope. Sessions obtained by exchanging this token are revoked too.",
        "tags": [
          "Auth"
        ],
        "responses": {
          "204": {
            "description": "The token is revoked.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/auth/oidc/token": {
      "post": {
        "operationId": "exchangeOidcToken",
        "summary": "Exchange a CI provider's OIDC ID token for a short-lived, network-bound access token",
        "description": "Keyless login for CI (docs/oidc.md). The caller presents an ID token (for example GitHub Actions'\n`core.getIDToken('max')`); the platform verifies it against the issuer's published keys (discovery document\nand JWKS, fetched only for issuers named in a trust policy), checks `iss`, `aud` (`max` by default), `exp`,\n`nbf` and `iat` with a small clock skew, and matches its claims to a trust policy. The answer is an access\ntoken (no refresh token) with the policy's scope, bound to the policy's network, that expires within an\nhour; present a fresh ID token to get another. Every exchange, granted or refused, is an audit event.\nRefusals are 401 `invalid_id_token` (`details.reason` says why) or 403 `no_matching_trust_policy`.\n",
        "tags": [
          "Auth"
        ],
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OidcTokenRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "A short-lived access token bound to the matching trust policy's network and scope.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OidcTokenResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/InvalidIdToken"
          },
          "403": {
            "$ref": "#/components/responses/NoMatchingTrustPolicy"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "503": {
            "$ref": "#/components/responses/IssuerUnavailable"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/oidc/trust-policies": {
      "get": {
        "operationId": "listTrustPolicies",
        "summary": "List your OIDC trust policies",
        "description": "Needs the `admin` scope. Newest first.",
        "tags": [
          "OIDC"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of trust policies.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TrustPolicyPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "post": {
        "operationId": "createTrustPolicy",
        "summary": "Trust ID tokens of an issuer for one repository (and optionally ref and environment)",
        "description": "Needs the `admin` scope. The network must be yours. Tokens minted through this policy act as you, with the\npolicy's scope (`read` or `deploy`), and only on the policy's network.\n",
        "tags": [
          "OIDC"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TrustPolicyCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new trust policy.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TrustPolicy"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/oidc/trust-policies/{policy_id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/TrustPolicyId"
        }
      ],
      "delete": {
        "operationId": "deleteTrustPolicy",
        "summary": "Delete a trust policy",
        "description": "Needs the `admin` scope. Access tokens minted through the policy are revoked at once.",
        "tags": [
          "OIDC"
        ],
        "responses": {
          "204": {
            "description": "The policy is deleted and its tokens revoked.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/me": {
      "get": {
        "operationId": "getMe",
        "summary": "Who am I",
        "description": "The authenticated user and the kind, scope and expiry of the credential that made the request.",
        "tags": [
          "Me"
        ],
        "responses": {
          "200": {
            "description": "The current user.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Me"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks": {
      "get": {
        "operationId": "listNetworks",
        "summary": "List networks",
        "tags": [
          "Networks"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          },
          {
            "$ref": "#/components/parameters/NameQuery"
          },
          {
            "$ref": "#/components/parameters/Sort"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of networks.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NetworkPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "post": {
        "operationId": "createNetwork",
        "summary": "Create a network",
        "description": "Answers 409 `conflict` when any user already has a network with this name.",
        "tags": [
          "Networks"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NetworkCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new network.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Network"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        }
      ],
      "get": {
        "operationId": "getNetwork",
        "summary": "Get a network",
        "tags": [
          "Networks"
        ],
        "responses": {
          "200": {
            "description": "The network.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Network"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "patch": {
        "operationId": "updateNetwork",
        "summary": "Update a network",
        "tags": [
          "Networks"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NetworkUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated network.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Network"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "delete": {
        "operationId": "deleteNetwork",
        "summary": "Delete a network",
        "description": "Needs the `admin` scope. A network that still has apps is only deleted with `force=true` (which deletes\nits apps too); otherwise the answer is 409 `network_not_empty`.\n",
        "tags": [
          "Networks"
        ],
        "parameters": [
          {
            "name": "force",
            "in": "query",
            "required": false,
            "description": "Delete the network's apps along with it.",
            "schema": {
              "type": "boolean",
              "default": false
            }
          }
        ],
        "responses": {
          "204": {
            "description": "The network is gone.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/vars": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        }
      ],
      "get": {
        "operationId": "listNetworkVars",
        "summary": "List a network's vars",
        "description": "Sorted by key. Network vars are inherited by every app of the network.",
        "tags": [
          "Vars"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of vars.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/VarPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "post": {
        "operationId": "setNetworkVars",
        "summary": "Set vars of a network (bulk, atomic)",
        "description": "Creates or overwrites every given key in one transaction: either all are set or none. Every deployed app\nof the network gets a new release with the new config; `releases` lists them.\n",
        "tags": [
          "Vars"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/VarsSet"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The vars as now stored, and the releases the change made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/VarsSetResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/vars/unset": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        }
      ],
      "post": {
        "operationId": "unsetNetworkVars",
        "summary": "Unset vars of a network (bulk, atomic)",
        "description": "Removes every given key in one transaction. Keys that are not set are ignored, so retries are harmless.",
        "tags": [
          "Vars"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/KeysUnset"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The keys that were removed, and the releases the change made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/KeysUnsetResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/vars/{key}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/EnvKeyPath"
        }
      ],
      "get": {
        "operationId": "getNetworkVar",
        "summary": "Get one var of a network",
        "tags": [
          "Vars"
        ],
        "responses": {
          "200": {
            "description": "The var.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Var"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/secrets": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        }
      ],
      "get": {
        "operationId": "listNetworkSecrets",
        "summary": "List a network's secrets (never their values)",
        "description": "Sorted by key. Each secret shows its key, a digest of its value and timestamps.",
        "tags": [
          "Secrets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of secrets.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SecretPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "post": {
        "operationId": "setNetworkSecrets",
        "summary": "Set secrets of a network (bulk, atomic)",
        "description": "Creates or overwrites every given key in one transaction. Values are encrypted at rest and never returned.\nEvery deployed app of the network gets a new release.\n",
        "tags": [
          "Secrets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SecretsSet"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The secrets as now stored (without values), and the releases the change made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SecretsSetResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/secrets/unset": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        }
      ],
      "post": {
        "operationId": "unsetNetworkSecrets",
        "summary": "Unset secrets of a network (bulk, atomic)",
        "description": "Removes every given key in one transaction. Keys that are not set are ignored.",
        "tags": [
          "Secrets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/KeysUnset"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The keys that were removed, and the releases the change made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/KeysUnsetResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/secrets/{key}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/EnvKeyPath"
        }
      ],
      "get": {
        "operationId": "getNetworkSecret",
        "summary": "Get one secret of a network (never its value)",
        "tags": [
          "Secrets"
        ],
        "responses": {
          "200": {
            "description": "The secret's key, digest and timestamps.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Secret"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/apps": {
      "get": {
        "operationId": "listAllApps",
        "summary": "List the apps of every network",
        "description": "The caller's apps across all their networks in one list: ordered by network name, then by `sort` within\neach network. Pages may hold up to 5,000 apps, so an overview of every app is one request whatever the\nnumber of networks. A network-bound credential (OIDC) sees only its network.\n",
        "tags": [
          "Apps"
        ],
        "parameters": [
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Page size.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 5000,
              "default": 50
            }
          },
          {
            "$ref": "#/components/parameters/Cursor"
          },
          {
            "name": "network",
            "in": "query",
            "required": false,
            "description": "Only the apps of this network (404 when the caller has no such network).",
            "schema": {
              "$ref": "#/components/schemas/ResourceName"
            }
          },
          {
            "$ref": "#/components/parameters/NameQuery"
          },
          {
            "$ref": "#/components/parameters/Sort"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of apps.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AppPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        }
      ],
      "get": {
        "operationId": "listApps",
        "summary": "List the apps of a network",
        "tags": [
          "Apps"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          },
          {
            "$ref": "#/components/parameters/NameQuery"
          },
          {
            "$ref": "#/components/parameters/Sort"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of apps.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AppPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "post": {
        "operationId": "createApp",
        "summary": "Create an app in a network",
        "description": "Answers 409 `conflict` when the network already has an app with this name.",
        "tags": [
          "Apps"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AppCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new app.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/App"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "get": {
        "operationId": "getApp",
        "summary": "Get an app",
        "tags": [
          "Apps"
        ],
        "responses": {
          "200": {
            "description": "The app.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/App"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "patch": {
        "operationId": "updateApp",
        "summary": "Update an app",
        "tags": [
          "Apps"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AppUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated app.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/App"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "delete": {
        "operationId": "deleteApp",
        "summary": "Delete an app",
        "description": "Stops the app's processes and deletes its deployments, releases, vars and secrets.",
        "tags": [
          "Apps"
        ],
        "responses": {
          "204": {
            "description": "The app is gone.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/vars": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "get": {
        "operationId": "listAppVars",
        "summary": "List an app's vars",
        "description": "Sorted by key. App vars override network vars with the same key.",
        "tags": [
          "Vars"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of vars.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/VarPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "post": {
        "operationId": "setAppVars",
        "summary": "Set vars of an app (bulk, atomic)",
        "description": "Creates or overwrites every given key in one transaction: either all are set or none. When the app\nhas been deployed it gets a new release with the new config; `releases` lists it.\n",
        "tags": [
          "Vars"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/VarsSet"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The vars as now stored, and the releases the change made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/VarsSetResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/vars/unset": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "post": {
        "operationId": "unsetAppVars",
        "summary": "Unset vars of an app (bulk, atomic)",
        "description": "Removes every given key in one transaction. Keys that are not set are ignored, so retries are harmless.",
        "tags": [
          "Vars"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/KeysUnset"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The keys that were removed, and the releases the change made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/KeysUnsetResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/vars/{key}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        },
        {
          "$ref": "#/components/parameters/EnvKeyPath"
        }
      ],
      "get": {
        "operationId": "getAppVar",
        "summary": "Get one var of an app",
        "tags": [
          "Vars"
        ],
        "responses": {
          "200": {
            "description": "The var.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Var"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/secrets": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "get": {
        "operationId": "listAppSecrets",
        "summary": "List an app's secrets (never their values)",
        "description": "Sorted by key. Each secret shows its key, a digest of its value and timestamps.",
        "tags": [
          "Secrets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of secrets.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SecretPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "post": {
        "operationId": "setAppSecrets",
        "summary": "Set secrets of an app (bulk, atomic)",
        "description": "Creates or overwrites every given key in one transaction. Values are encrypted at rest and never returned.\nWhen the app has been deployed it gets a new release.\n",
        "tags": [
          "Secrets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SecretsSet"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The secrets as now stored (without values), and the releases the change made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SecretsSetResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/secrets/unset": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "post": {
        "operationId": "unsetAppSecrets",
        "summary": "Unset secrets of an app (bulk, atomic)",
        "description": "Removes every given key in one transaction. Keys that are not set are ignored.",
        "tags": [
          "Secrets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/KeysUnset"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The keys that were removed, and the releases the change made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/KeysUnsetResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/secrets/copy": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "post": {
        "operationId": "copyAppSecrets",
        "summary": "Copy secrets from another scope to an app (server-side, atomic)",
        "description": "Sets on this app the secrets of another scope (a network, or an app of any network the caller owns) — all\nof them, or the listed `keys` — in one transaction, as if each value had been set again. The values never\nleave the platform: a CI runner that makes a preview app from a base app re-references the base app's\nsecrets without ever holding them. A key whose value is already the same (same digest) is not a change,\nso a repeated copy is a no-op. When the app has been deployed it gets a new release.\n",
        "tags": [
          "Secrets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SecretsCopy"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The copied secrets as now stored on the app (without values), and the releases the change made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SecretsSetResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/secrets/{key}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        },
        {
          "$ref": "#/components/parameters/EnvKeyPath"
        }
      ],
      "get": {
        "operationId": "getAppSecret",
        "summary": "Get one secret of an app (never its value)",
        "tags": [
          "Secrets"
        ],
        "responses": {
          "200": {
            "description": "The secret's key, digest and timestamps.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Secret"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/env": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "get": {
        "operationId": "getAppEnv",
        "summary": "Get the effective environment of an app",
        "description": "What the app's process sees: network vars, overridden by app vars, overridden by secrets (app secrets over\nnetwork secrets), overridden by platform vars (`PORT`, `MAX_APP`, `MAX_NETWORK`, `MAX_HOSTNAME`,\n`MAX_RELEASE`). Each entry names the source that won and the sources it overrode. Secret values are null\n(their `digest` identifies the value), and so are platform values fixed only when a process starts.\n",
        "tags": [
          "Env"
        ],
        "responses": {
          "200": {
            "description": "The effective environment, sorted by key.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AppEnv"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/deployments": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "get": {
        "operationId": "listDeployments",
        "summary": "List an app's deployments",
        "description": "Newest first.",
        "tags": [
          "Deployments"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          },
          {
            "name": "state",
            "in": "query",
            "required": false,
            "description": "Only deployments in this state.",
            "schema": {
              "$ref": "#/components/schemas/DeploymentState"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of deployments.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeploymentPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "post": {
        "operationId": "createDeployment",
        "summary": "Start a deployment from a manifest of content-addressed files",
        "description": "The manifest lists every file of the source tree by SHA-256 and size. An entry whose `size` differs from\nthe size of the stored blob it names is refused with 422 `validation_failed` (`/manifest/<index>/size`), so\n`total_size` is the size of what is built. When the platform already holds every blob, the deployment starts\nin state `queued`. Otherwise it starts in `uploading` with `missing_blobs` listing what\nto upload (`PUT /api/v1/blobs/{digest}` or `POST /api/v1/blobs/packs`); then call\n`POST /api/v1/deployments/{deployment_id}/finalize`. Progress streams on the `deployment:<id>` channel and\nbuild output on `logs:build:<id>`.\n",
        "tags": [
          "Deployments"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DeploymentCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new deployment.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Deployment"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/releases": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "get": {
        "operationId": "listReleases",
        "summary": "List an app's releases",
        "description": "Newest (highest version) first.",
        "tags": [
          "Releases"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of releases.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReleasePage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/releases/rollback": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "post": {
        "operationId": "rollbackRelease",
        "summary": "Roll back to an earlier release",
        "description": "Makes a new release (the next version) with the code and config snapshot of release `to`, or of the release\nbefore the current one when `to` is omitted. The app's stored vars and secrets are set back to that\nsnapshot in the same transaction (secrets by their stored encrypted version), so the app's vars, secrets,\neffective env and config export show what the new release runs with; network-scope vars and secrets are\nshared by the network's apps and stay as they are (the release runs with their current values). The whole\nrollback is one `release.rolled_back` event whose details list the restored keys (`config_changes`, secret\ndigests only) and the network keys that differ from the snapshot (`network_kept`). The new release starts\nin `pending` and becomes `active` once healthy; if it fails its health checks the current release keeps\nserving. Answers 409 `invalid_state` when there is nothing to roll back to.\n",
        "tags": [
          "Releases"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RollbackRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new release.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Release"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/releases/{version}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        },
        {
          "name": "version",
          "in": "path",
          "required": true,
          "description": "The release version (1, 2, …).",
          "schema": {
            "type": "integer",
            "minimum": 1
          }
        }
      ],
      "get": {
        "operationId": "getRelease",
        "summary": "Get a release",
        "tags": [
          "Releases"
        ],
        "responses": {
          "200": {
            "description": "The release.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Release"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/logs": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "get": {
        "operationId": "listAppLogs",
        "summary": "Read an app's runtime log history",
        "description": "Lines in ascending `seq` order. Page forward with `after_seq` = the last `seq` received while `has_more` is\ntrue; follow live with the `logs:app:<network>/<app>` channel, joining with the same `after_seq`.\n",
        "tags": [
          "Logs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/AfterSeq"
          },
          {
            "$ref": "#/components/parameters/Since"
          },
          {
            "$ref": "#/components/parameters/Until"
          },
          {
            "$ref": "#/components/parameters/LogStreamFilter"
          },
          {
            "$ref": "#/components/parameters/LogLimit"
          },
          {
            "$ref": "#/components/parameters/LogTail"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of log lines.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LogPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/runs": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "post": {
        "operationId": "createAppRun",
        "summary": "Run a one-off command in an app's environment",
        "description": "Starts the command in the app's current release directory with its effective environment (plus `env`).\nStream stdin/stdout/stderr and the exit status on the `exec:<run>` channel.\n",
        "tags": [
          "Runs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RunCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The run, usually already `running`.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Run"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/LiveLimitReached"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/apps/{app}/shells": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        },
        {
          "$ref": "#/components/parameters/AppName"
        }
      ],
      "post": {
        "operationId": "createAppShell",
        "summary": "Open an interactive shell (PTY) in an app's environment",
        "description": "Starts a PTY session in the app's current release directory with its effective environment. Attach with the\n`shell:<session>` channel. The session outlives dropped connections: it ends when its process exits, when it\nis deleted, or after `detach_timeout_seconds` with nobody attached.\n",
        "tags": [
          "Shells"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ShellCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new shell session.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ShellSession"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/LiveLimitReached"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/logs": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        }
      ],
      "get": {
        "operationId": "listNetworkLogs",
        "summary": "Read a network's merged log history",
        "description": "The runtime logs of every app of the network, merged into one stream with its own `seq`; each line names its\n`app`. Follow live with the `logs:network:<network>` channel.\n",
        "tags": [
          "Logs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/AfterSeq"
          },
          {
            "$ref": "#/components/parameters/Since"
          },
          {
            "$ref": "#/components/parameters/Until"
          },
          {
            "$ref": "#/components/parameters/LogStreamFilter"
          },
          {
            "$ref": "#/components/parameters/LogLimit"
          },
          {
            "$ref": "#/components/parameters/LogTail"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of log lines.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LogPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/runs": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        }
      ],
      "post": {
        "operationId": "createNetworkRun",
        "summary": "Run a one-off command in a network's environment",
        "description": "Like an app run, but in a scratch directory with the network's vars and secrets and the platform vars that\napply to a network (`MAX_NETWORK`). Useful for maintenance that concerns no single app.\n",
        "tags": [
          "Runs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RunCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The run.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Run"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/LiveLimitReached"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/networks/{network}/shells": {
      "parameters": [
        {
          "$ref": "#/components/parameters/NetworkName"
        }
      ],
      "post": {
        "operationId": "createNetworkShell",
        "summary": "Open an interactive shell (PTY) in a network's environment",
        "description": "Like an app shell, in a scratch directory with the network's environment.",
        "tags": [
          "Shells"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ShellCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new shell session.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ShellSession"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/LiveLimitReached"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/deployments/{deployment_id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/DeploymentId"
        }
      ],
      "get": {
        "operationId": "getDeployment",
        "summary": "Get a deployment",
        "tags": [
          "Deployments"
        ],
        "responses": {
          "200": {
            "description": "The deployment.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Deployment"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/deployments/{deployment_id}/finalize": {
      "parameters": [
        {
          "$ref": "#/components/parameters/DeploymentId"
        }
      ],
      "post": {
        "operationId": "finalizeDeployment",
        "summary": "Finish uploading and queue the build",
        "description": "Moves an `uploading` deployment to `queued` once every blob of its manifest is present. Answers 409\n`blobs_missing` (with `details.missing`, the digests still absent) otherwise, and 422 `validation_failed`\n(`details.fields[].path` = `/manifest/<index>/size`) when an uploaded blob's size is not the size its\nmanifest entry gives — the deployment is then `cancelled`, as its manifest can never build as described. On\na deployment that is already past `uploading` it changes nothing and returns the deployment, so retries are\nharmless.\n",
        "tags": [
          "Deployments"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The deployment, now `queued` (or further along).",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Deployment"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/deployments/{deployment_id}/cancel": {
      "parameters": [
        {
          "$ref": "#/components/parameters/DeploymentId"
        }
      ],
      "post": {
        "operationId": "cancelDeployment",
        "summary": "Cancel a deployment that has not finished",
        "description": "Stops an `uploading`, `queued`, `building` or `releasing` deployment; it ends in `cancelled` and the current\nrelease keeps serving. Cancelling a `cancelled` deployment returns it unchanged; any other finished state\nanswers 409 `invalid_state`.\n",
        "tags": [
          "Deployments"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The deployment, now `cancelled`.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Deployment"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/deployments/{deployment_id}/logs": {
      "parameters": [
        {
          "$ref": "#/components/parameters/DeploymentId"
        }
      ],
      "get": {
        "operationId": "listBuildLogs",
        "summary": "Read a deployment's build log",
        "description": "Follow live with the `logs:build:<deployment_id>` channel.",
        "tags": [
          "Logs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/AfterSeq"
          },
          {
            "$ref": "#/components/parameters/Since"
          },
          {
            "$ref": "#/components/parameters/Until"
          },
          {
            "$ref": "#/components/parameters/LogStreamFilter"
          },
          {
            "$ref": "#/components/parameters/LogLimit"
          },
          {
            "$ref": "#/components/parameters/LogTail"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of log lines.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LogPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/blobs/missing": {
      "post": {
        "operationId": "findMissingBlobs",
        "summary": "Ask which blobs the platform lacks",
        "description": "Send the digests of a manifest; the answer lists the ones the platform does not hold, in request order, so\nonly those are uploaded. Blobs are shared across deployments of the same user.\n",
        "tags": [
          "Blobs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/BlobsMissingRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The digests to upload.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BlobsMissing"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/blobs/packs": {
      "post": {
        "operationId": "uploadBlobPack",
        "summary": "Upload many small blobs at once as a tar.gz pack",
        "description": "The body is a gzip-compressed tar archive of regular files, each named by the SHA-256 hex digest of its\ncontents (no directories, no links). The platform verifies every digest and stores the pack atomically:\none mismatch answers 422 `digest_mismatch` and stores nothing. Clients split large uploads into several\npacks of at most 64 MiB each; a larger body answers 413 `payload_too_large`.\n",
        "tags": [
          "Blobs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/gzip": {}
          }
        },
        "responses": {
          "200": {
            "description": "What the pack contained.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BlobPackResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/blobs/{digest}": {
      "parameters": [
        {
          "name": "digest",
          "in": "path",
          "required": true,
          "description": "SHA-256 of the blob's bytes, lowercase hex.",
          "schema": {
            "$ref": "#/components/schemas/BlobDigest"
          }
        }
      ],
      "put": {
        "operationId": "uploadBlob",
        "summary": "Upload one blob",
        "description": "The body is the raw bytes (at most 256 MiB). The platform hashes them and answers 422 `digest_mismatch`\nwhen the hash differs from the path. Uploading a blob that is already stored is harmless (200).\n",
        "tags": [
          "Blobs"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/octet-stream": {}
          }
        },
        "responses": {
          "200": {
            "description": "The blob was already stored.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BlobStored"
                }
              }
            }
          },
          "201": {
            "description": "The blob is stored.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BlobStored"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/runs": {
      "get": {
        "operationId": "listRuns",
        "summary": "List the caller's command runs",
        "description": "Newest first. Only the caller's own command runs are listed. Runs are kept after they end (output only while buffered).\n",
        "tags": [
          "Runs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          },
          {
            "name": "network",
            "in": "query",
            "required": false,
            "description": "Only command runs in this network (app and network ones).",
            "schema": {
              "$ref": "#/components/schemas/ResourceName"
            }
          },
          {
            "name": "app",
            "in": "query",
            "required": false,
            "description": "Only command runs of this app (requires `network`).",
            "schema": {
              "$ref": "#/components/schemas/ResourceName"
            }
          },
          {
            "name": "state",
            "in": "query",
            "required": false,
            "description": "Only command runs in this state.",
            "schema": {
              "$ref": "#/components/schemas/RunState"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of command runs.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RunPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/runs/{run_id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RunId"
        }
      ],
      "get": {
        "operationId": "getRun",
        "summary": "Get a command run",
        "tags": [
          "Runs"
        ],
        "responses": {
          "200": {
            "description": "The run.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Run"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/runs/{run_id}/cancel": {
      "parameters": [
        {
          "$ref": "#/components/parameters/RunId"
        }
      ],
      "post": {
        "operationId": "cancelRun",
        "summary": "Stop a command run",
        "description": "Sends SIGTERM to the run's process group, then SIGKILL after 10 seconds. The run ends in `cancelled` (with\n`signal` set to the signal that ended it). Cancelling a finished run returns it unchanged.\n",
        "tags": [
          "Runs"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The run (it may still be `running` for up to 10 seconds while it stops).",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Run"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/shells": {
      "get": {
        "operationId": "listShells",
        "summary": "List the caller's shell sessions",
        "description": "Newest first. Only the caller's own shell sessions are listed. Ended sessions stay listed (state `exited`).\n",
        "tags": [
          "Shells"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          },
          {
            "name": "network",
            "in": "query",
            "required": false,
            "description": "Only shell sessions in this network (app and network ones).",
            "schema": {
              "$ref": "#/components/schemas/ResourceName"
            }
          },
          {
            "name": "app",
            "in": "query",
            "required": false,
            "description": "Only shell sessions of this app (requires `network`).",
            "schema": {
              "$ref": "#/components/schemas/ResourceName"
            }
          },
          {
            "name": "state",
            "in": "query",
            "required": false,
            "description": "Only shell sessions in this state.",
            "schema": {
              "$ref": "#/components/schemas/ShellState"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of shell sessions.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ShellSessionPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/shells/{shell_id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ShellId"
        }
      ],
      "get": {
        "operationId": "getShell",
        "summary": "Get a shell session",
        "tags": [
          "Shells"
        ],
        "responses": {
          "200": {
            "description": "The shell session.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ShellSession"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      },
      "delete": {
        "operationId": "deleteShell",
        "summary": "End a shell session",
        "description": "Hangs up the PTY (SIGHUP to the session's processes, then SIGKILL after 5 seconds) and detaches every client:\neach attached channel gets the remaining output, `exit`, then `phx_close`. Deleting an exited session is a\nno-op (204); its record stays readable.\n",
        "tags": [
          "Shells"
        ],
        "responses": {
          "204": {
            "description": "The session is ending.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/dashboard": {
      "get": {
        "operationId": "getDashboard",
        "summary": "Everything for an overview screen, in one response",
        "description": "The caller's networks, their apps with status, current release and latest deployment, the most recent\nevents and counts. Capped at 500 apps; `truncated` says when more exist.\n",
        "tags": [
          "Dashboard"
        ],
        "parameters": [
          {
            "name": "events",
            "in": "query",
            "required": false,
            "description": "How many recent events to include.",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "maximum": 100,
              "default": 20
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The dashboard.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Dashboard"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/config/export": {
      "get": {
        "operationId": "exportConfig",
        "summary": "Export configuration as a document",
        "description": "Networks, apps, vars and secrets — each secret as its key and the digest of its value, never the value — as\na `ConfigDocument` that `plan` and `apply` accept. Every field is written out, so the document is complete.\n",
        "tags": [
          "Config"
        ],
        "parameters": [
          {
            "name": "network",
            "in": "query",
            "required": false,
            "description": "Export only this network; all of the caller's networks otherwise.",
            "schema": {
              "$ref": "#/components/schemas/ResourceName"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The configuration document.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ConfigDocument"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/config/plan": {
      "post": {
        "operationId": "planConfig",
        "summary": "Compute the changes that would make the platform match a document",
        "description": "Changes nothing. The plan covers only the networks named in the document (missing ones are created;\nnetworks not named are never touched). Within them, vars and secret keys not in the document are deleted,\nand apps not in the document are deleted only with `prune=true`. Secret values never travel in documents;\nsecrets are compared by digest. A listed secret whose live digest differs from the document's is an\n`update`; one that is not set is a `create`. Either needs a value in `secret_values` — without one it is\nalso a blocker (`secret_changed`, `secret_missing`). `digest` identifies the plan (including the digests\nof the supplied values); pass it, with the same `secret_values`, to `apply` to apply exactly this plan.\n",
        "tags": [
          "Config"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          },
          {
            "$ref": "#/components/parameters/Prune"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ConfigPlan"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The plan.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Plan"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/config/apply": {
      "post": {
        "operationId": "applyConfig",
        "summary": "Apply a document, atomically",
        "description": "Recomputes the plan and applies all of it in one transaction, or nothing. With `plan_digest`, answers 409\n`plan_stale` when the platform changed since that plan was made (plan again and review). A plan with\nblockers answers 409 `plan_blocked` (with `details.blockers`). Secret values in `secret_values` are set in\nthe same transaction (encrypted at rest; events record their digests only). Every app whose effective\nconfig changed gets exactly one new release with its final config, however many of its scopes and keys the\ndocument changed (network vars, app vars, secrets); `releases` lists them.\n",
        "tags": [
          "Config"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ConfigApply"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The plan that was applied, and the releases it made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ConfigApplyResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/events": {
      "get": {
        "operationId": "listEvents",
        "summary": "List audit events",
        "description": "Newest first. Only events about the caller's own resources are visible.",
        "tags": [
          "Events"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          },
          {
            "name": "network",
            "in": "query",
            "required": false,
            "description": "Only events about this network and its apps.",
            "schema": {
              "$ref": "#/components/schemas/ResourceName"
            }
          },
          {
            "name": "app",
            "in": "query",
            "required": false,
            "description": "Only events about this app (combine with `network`).",
            "schema": {
              "$ref": "#/components/schemas/ResourceName"
            }
          },
          {
            "name": "actor",
            "in": "query",
            "required": false,
            "description": "Only events by this actor id.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 255
            }
          },
          {
            "name": "action",
            "in": "query",
            "required": false,
            "description": "Only events with this action (for example `app.updated`), or with this prefix when it ends in `.` (for example `app.`).",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 100
            }
          },
          {
            "$ref": "#/components/parameters/Since"
          },
          {
            "$ref": "#/components/parameters/Until"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of events.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EventPage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/events/{event_id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/EventId"
        }
      ],
      "get": {
        "operationId": "getEvent",
        "summary": "Get an audit event",
        "tags": [
          "Events"
        ],
        "responses": {
          "200": {
            "description": "The event.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Event"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    },
    "/api/v1/events/{event_id}/revert": {
      "parameters": [
        {
          "$ref": "#/components/parameters/EventId"
        }
      ],
      "post": {
        "operationId": "revertEvent",
        "summary": "Undo the change an event recorded",
        "description": "Applies the inverse of the event's change as a new change (with its own event), for events whose\n`revertible` is true: var and secret changes, network and app updates, releases (by rolling back).\nAnswers 409 `not_revertible` for other events, and 409 `conflict` when the target changed again since.\n",
        "tags": [
          "Events"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "201": {
            "description": "The event that records the revert, and any releases it made.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              },
              "idempotent-replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EventRevertResult"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedError"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "An access token (`mxa_…`, from the device flow, a refresh, or a token exchange) or an API token (`mxp_…`).\nAn expired access token answers 401 `token_expired`; clients refresh on exactly that code.\n"
      }
    },
    "headers": {
      "RequestId": {
        "description": "Identifies the request in server logs; error bodies repeat it as `error.request_id`.",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "IdempotentReplayed": {
        "description": "Present and `true` when this response is a stored replay for a repeated `Idempotency-Key`.",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "true"
          ]
        }
      },
      "RetryAfter": {
        "description": "Seconds to wait before retrying.",
        "required": true,
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "parameters": {
      "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "description": "Makes a POST safe to retry. The same key with the same user, route and body replays the stored response\n(with header `idempotent-replayed: true`); the same key with a different body answers 409\n`idempotency_key_reused`. Keys are scoped to the authenticated user; endpoints that take no\nauthentication accept the header and ignore it.\n",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "Limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "Page size.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 200,
          "default": 50
        }
      },
      "Cursor": {
        "name": "cursor",
        "in": "query",
        "required": false,
        "description": "Opaque cursor from the previous page's `next_cursor`.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 1024
        }
      },
      "NameQuery": {
        "name": "q",
        "in": "query",
        "required": false,
        "description": "Only items whose name contains this substring.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 63
        }
      },
      "Sort": {
        "name": "sort",
        "in": "query",
        "required": false,
        "description": "Sort order; a leading `-` sorts descending.",
        "schema": {
          "$ref": "#/components/schemas/ListSort"
        }
      },
      "Since": {
        "name": "since",
        "in": "query",
        "required": false,
        "description": "Only items at or after this time.",
        "schema": {
          "type": "string",
          "format": "date-time"
        }
      },
      "Until": {
        "name": "until",
        "in": "query",
        "required": false,
        "description": "Only items before this time.",
        "schema": {
          "type": "string",
          "format": "date-time"
        }
      },
      "NetworkName": {
        "name": "network",
        "in": "path",
        "required": true,
        "description": "The network's name.",
        "schema": {
          "$ref": "#/components/schemas/ResourceName"
        }
      },
      "AppName": {
        "name": "app",
        "in": "path",
        "required": true,
        "description": "The app's name within the network.",
        "schema": {
          "$ref": "#/components/schemas/ResourceName"
        }
      },
      "TrustPolicyId": {
        "name": "policy_id",
        "in": "path",
        "required": true,
        "description": "The trust policy's id.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "TokenId": {
        "name": "token_id",
        "in": "path",
        "required": true,
        "description": "The API token's id.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "EnvKeyPath": {
        "name": "key",
        "in": "path",
        "required": true,
        "description": "The var or secret key.",
        "schema": {
          "$ref": "#/components/schemas/EnvKey"
        }
      },
      "DeploymentId": {
        "name": "deployment_id",
        "in": "path",
        "required": true,
        "description": "The deployment's id.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "RunId": {
        "name": "run_id",
        "in": "path",
        "required": true,
        "description": "The command run's id.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "ShellId": {
        "name": "shell_id",
        "in": "path",
        "required": true,
        "description": "The shell session's id.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "EventId": {
        "name": "event_id",
        "in": "path",
        "required": true,
        "description": "The event's id.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "AfterSeq": {
        "name": "after_seq",
        "in": "query",
        "required": false,
        "description": "Only lines with a `seq` greater than this (exclusive); the resume cursor of log streams.",
        "schema": {
          "type": "integer",
          "minimum": 0
        }
      },
      "LogStreamFilter": {
        "name": "stream",
        "in": "query",
        "required": false,
        "description": "Only lines of this output stream.",
        "schema": {
          "$ref": "#/components/schemas/LogStream"
        }
      },
      "LogLimit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "Most lines to return.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 1000,
          "default": 100
        }
      },
      "LogTail": {
        "name": "tail",
        "in": "query",
        "required": false,
        "description": "Return the newest `limit` matching lines instead of the oldest (still in ascending order).",
        "schema": {
          "type": "boolean",
          "default": false
        }
      },
      "Prune": {
        "name": "prune",
        "in": "query",
        "required": false,
        "description": "Also delete apps of the document's networks that the document does not list.",
        "schema": {
          "type": "boolean",
          "default": false
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request could not be parsed (code `bad_request`).",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "ValidationFailed": {
        "description": "The request was well-formed but invalid (code `validation_failed`, with `details.fields`).",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "invalidName": {
                "summary": "A name that is not an RFC 1035 label",
                "value": {
                  "error": {
                    "code": "validation_failed",
                    "message": "name must be a lowercase RFC 1035 label",
                    "details": {
                      "fields": [
                        {
                          "path": "/name",
                          "message": "must match pattern \"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$\""
                        }
                      ]
                    },
                    "request_id": "req_01HZY3K8"
                  }
                }
              }
            }
          }
        }
      },
      "Unauthenticated": {
        "description": "No valid credential (code `unauthenticated`), or the access token expired (code `token_expired`).",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Forbidden": {
        "description": "The credential's scope is too small for this operation (code `forbidden`).",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "The resource does not exist or belongs to someone else (code `not_found`).",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Conflict": {
        "description": "The request conflicts with the current state: code `conflict` (name taken), `network_not_empty`,\n`idempotency_key_reused`, or another 409 code of `ErrorCode`.\n",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "LiveLimitReached": {
        "description": "Code `session_limit`: the caller already has as many live shell sessions (for shell creates) or live\ncommand runs (for run creates) as the platform allows per user (max-local: 10 of each by default). Nothing\nwas started; `details` says `{kind: \"shell\" | \"run\", limit, live}`. End one (`DELETE /api/v1/shells/{id}`,\n`POST /api/v1/runs/{id}/cancel`) or wait for one to finish, then retry. Requests can also be refused with\n`rate_limited` and `Retry-After`, as everywhere.\n",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "RateLimited": {
        "description": "Too many requests (code `rate_limited`); wait `Retry-After` seconds.",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          },
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "DeviceFlowError": {
        "description": "The device authorization is not (yet) approved: code `authorization_pending`, `slow_down`,\n`expired_token` or `access_denied`; or the body was unparsable (`bad_request`).\n",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "pending": {
                "summary": "The person has not approved the code yet",
                "value": {
                  "error": {
                    "code": "authorization_pending",
                    "message": "The authorization request is still pending.",
                    "request_id": "req_01HZY3K9"
                  }
                }
              }
            }
          }
        }
      },
      "InvalidIdToken": {
        "description": "The ID token was refused (code `invalid_id_token`); `details.reason` says why: `malformed`,\n`alg_not_allowed` (`none`, HMAC and unknown algorithms are never accepted), `unknown_issuer` (no trust policy\nnames the token's `iss`), `unknown_key`, `bad_signature`, `wrong_audience`,\n`expired`, `not_yet_valid` or `missing_claim`.\n",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "expired": {
                "summary": "An expired ID token",
                "value": {
                  "error": {
                    "code": "invalid_id_token",
                    "message": "The ID token expired at 2026-12-03T08:00:00.000Z (clock skew allowed: 60 s).",
                    "details": {
                      "reason": "expired"
                    },
                    "request_id": "req_01HZY3KA"
                  }
                }
              }
            }
          }
        }
      },
      "IssuerUnavailable": {
        "description": "The ID token's issuer could not be asked for its keys (code `unavailable`, `details.reason`\n`issuer_unreachable`: timeout, connection or HTTP error; `issuer_misconfigured`: the discovery document names\nanother issuer, has no acceptable `jwks_uri`, or the JWKS is not a key set), or the platform is starting or\nshutting down. Retry later; the platform keeps serving cached keys while an issuer is briefly down.\n",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NoMatchingTrustPolicy": {
        "description": "The ID token is valid, but no trust policy of its issuer matches its claims (code\n`no_matching_trust_policy`). `details` echoes the claims that were matched (`repository`, `ref`,\n`environment`), never the policies.\n",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unavailable": {
        "description": "The platform is starting or shutting down (code `unavailable`).",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "UnexpectedError": {
        "description": "Any other error, with the same `Error` shape (for example 500 `internal_error`).",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "The body is larger than this operation accepts (code `payload_too_large`).",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "The body's Content-Type is not one this operation accepts (code `unsupported_media_type`).",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "ErrorCode": {
        "description": "Stable, machine-readable error codes. Clients branch on these, never on messages. A client that meets a\ncode it does not know treats the error by its HTTP status.\n",
        "type": "string",
        "enum": [
          "bad_request",
          "validation_failed",
          "unauthenticated",
          "token_expired",
          "forbidden",
          "not_found",
          "conflict",
          "network_not_empty",
          "idempotency_key_reused",
          "rate_limited",
          "internal_error",
          "unavailable",
          "authorization_pending",
          "slow_down",
          "expired_token",
          "access_denied",
          "payload_too_large",
          "unsupported_media_type",
          "digest_mismatch",
          "blobs_missing",
          "invalid_state",
          "plan_stale",
          "plan_blocked",
          "not_revertible",
          "session_limit",
          "invalid_id_token",
          "no_matching_trust_policy"
        ]
      },
      "Error": {
        "description": "The body of every error response.",
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "code",
              "message",
              "request_id"
            ],
            "properties": {
              "code": {
                "$ref": "#/components/schemas/ErrorCode"
              },
              "message": {
                "description": "A sentence for people; may change at any time.",
                "type": "string"
              },
              "details": {
                "description": "Structured context. For `validation_failed`: `{\"fields\": [{\"path\": \"/name\", \"message\": \"…\"}]}`\n(JSON Pointers into the request body, or `/query/<name>` and `/path/<name>` for parameters).\n",
                "type": "object",
                "additionalProperties": true,
                "properties": {
                  "fields": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/FieldError"
                    }
                  }
                }
              },
              "request_id": {
                "description": "The same value as the `x-request-id` response header.",
                "type": "string"
              }
            }
          }
        }
      },
      "FieldError": {
        "type": "object",
        "required": [
          "path",
          "message"
        ],
        "properties": {
          "path": {
            "description": "JSON Pointer to the offending input.",
            "type": "string"
          },
          "message": {
            "type": "string"
          }
        }
      },
      "ResourceName": {
        "description": "An RFC 1035 label, used for network and app names (they become DNS labels).",
        "type": "string",
        "minLength": 1,
        "maxLength": 63,
        "pattern": "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$",
        "examples": [
          "web",
          "staging-eu"
        ]
      },
      "EnvKey": {
        "description": "An environment variable name.",
        "type": "string",
        "minLength": 1,
        "maxLength": 255,
        "pattern": "^[A-Z_][A-Z0-9_]*$",
        "examples": [
          "DATABASE_URL"
        ]
      },
      "Scope": {
        "description": "What a credential may do. `read`: GET requests only. `deploy`: everything except deleting networks and\nmanaging API tokens. `admin`: everything.\n",
        "type": "string",
        "enum": [
          "read",
          "deploy",
          "admin"
        ]
      },
      "ListSort": {
        "type": "string",
        "enum": [
          "name",
          "-name",
          "created_at",
          "-created_at"
        ],
        "default": "name"
      },
      "Description": {
        "description": "Free text for people.",
        "type": [
          "string",
          "null"
        ],
        "maxLength": 1000
      },
      "HealthCheckPath": {
        "description": "The HTTP path the platform probes to decide that a release is healthy.",
        "type": "string",
        "minLength": 1,
        "maxLength": 1024,
        "pattern": "^/[^\\s]*$",
        "examples": [
          "/healthz"
        ]
      },
      "Health": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok"
            ]
          },
          "version": {
            "description": "The server's version.",
            "type": "string"
          }
        }
      },
      "DeviceCodeRequest": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "client_name": {
            "description": "Shown to the person on the approval page, for example \"rig on laptop\".",
            "type": "string",
            "minLength": 1,
            "maxLength": 100
          },
          "scope": {
            "$ref": "#/components/schemas/Scope"
          }
        }
      },
      "DeviceAuthorization": {
        "type": "object",
        "required": [
          "device_code",
          "user_code",
          "verification_uri",
          "verification_uri_complete",
          "expires_in",
          "interval"
        ],
        "properties": {
          "device_code": {
            "description": "Secret the client polls with; never shown to the person.",
            "type": "string"
          },
          "user_code": {
            "description": "Short code the person compares in the browser.",
            "type": "string",
            "pattern": "^[A-Z0-9]{4}-[A-Z0-9]{4}$",
            "examples": [
              "WDJB-MJHT"
            ]
          },
          "verification_uri": {
            "type": "string",
            "format": "uri"
          },
          "verification_uri_complete": {
            "description": "`verification_uri` with the user code filled in.",
            "type": "string",
            "format": "uri"
          },
          "expires_in": {
            "description": "Seconds until the device code expires.",
            "type": "integer",
            "minimum": 1
          },
          "interval": {
            "description": "Minimum seconds between polls.",
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "DeviceTokenRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "device_code"
        ],
        "properties": {
          "device_code": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          }
        }
      },
      "RefreshTokenRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "grant_type",
          "refresh_token"
        ],
        "properties": {
          "grant_type": {
            "type": "string",
            "const": "refresh_token"
          },
          "refresh_token": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          }
        }
      },
      "TokenExchangeRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "grant_type",
          "subject_token"
        ],
        "properties": {
          "grant_type": {
            "type": "string",
            "const": "token_exchange"
          },
          "subject_token": {
            "description": "An API token (`mxp_…`).",
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          }
        }
      },
      "TokenRequest": {
        "oneOf": [
          {
            "$ref": "#/components/schemas/RefreshTokenRequest"
          },
          {
            "$ref": "#/components/schemas/TokenExchangeRequest"
          }
        ],
        "discriminator": {
          "propertyName": "grant_type",
          "mapping": {
            "refresh_token": "#/components/schemas/RefreshTokenRequest",
            "token_exchange": "#/components/schemas/TokenExchangeRequest"
          }
        }
      },
      "TokenResponse": {
        "type": "object",
        "required": [
          "access_token",
          "refresh_token",
          "token_type",
          "expires_in",
          "scope"
        ],
        "properties": {
          "access_token": {
            "description": "Bearer token (`mxa_…`).",
            "type": "string"
          },
          "refresh_token": {
            "description": "Single-use refresh token (`mxr_…`); each refresh returns a new one.",
            "type": "string"
          },
          "token_type": {
            "type": "string",
            "enum": [
              "Bearer"
            ]
          },
          "expires_in": {
            "description": "Seconds until the access token expires.",
            "type": "integer",
            "minimum": 1
          },
          "scope": {
            "$ref": "#/components/schemas/Scope"
          }
        }
      },
      "RevokeRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "token"
        ],
        "properties": {
          "token": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "token_type_hint": {
            "description": "Optional hint, as in RFC 7009; the server finds the token either way.",
            "type": "string",
            "enum": [
              "access_token",
              "refresh_token",
              "api_token"
            ]
          }
        }
      },
      "ApiToken": {
        "type": "object",
        "required": [
          "id",
          "name",
          "scope",
          "created_at",
          "expires_at",
          "last_used_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "scope": {
            "$ref": "#/components/schemas/Scope"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "expires_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "last_used_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        }
      },
      "ApiTokenCreate": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name",
          "scope"
        ],
        "properties": {
          "name": {
            "description": "A label for people, for example \"ci-deploy\".",
            "type": "string",
            "minLength": 1,
            "maxLength": 100
          },
          "scope": {
            "$ref": "#/components/schemas/Scope"
          },
          "expires_in": {
            "description": "Lifetime in seconds; omitted or null means the token does not expire.",
            "type": [
              "integer",
              "null"
            ],
            "minimum": 60,
            "maximum": 31536000
          }
        }
      },
      "ApiTokenCreated": {
        "description": "An API token as returned once, at creation, with its secret value.",
        "type": "object",
        "required": [
          "id",
          "name",
          "scope",
          "token",
          "created_at",
          "expires_at",
          "last_used_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "scope": {
            "$ref": "#/components/schemas/Scope"
          },
          "token": {
            "description": "The secret (`mxp_…`). Store it now; it is never shown again.",
            "type": "string"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "expires_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "last_used_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        }
      },
      "ApiTokenPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ApiToken"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "TrustPolicyPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/TrustPolicy"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "TrustPolicyScope": {
        "description": "The scope of tokens minted through a trust policy (`admin` is never granted to CI).",
        "type": "string",
        "enum": [
          "read",
          "deploy"
        ]
      },
      "TrustPolicy": {
        "type": "object",
        "required": [
          "id",
          "issuer",
          "audience",
          "repository",
          "ref",
          "environment",
          "network",
          "scope",
          "token_ttl_seconds",
          "created_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "issuer": {
            "description": "The `iss` an ID token must carry, exactly (e.g. `https://token.actions.githubusercontent.com`).",
            "type": "string"
          },
          "audience": {
            "description": "The `aud` an ID token must carry (default `max`).",
            "type": "string"
          },
          "repository": {
            "description": "The `repository` claim (`owner/name`), compared case-insensitively.",
            "type": "string"
          },
          "ref": {
            "description": "The `ref` claim, exactly, or with one trailing `*` as a prefix match; null = any ref.",
            "type": [
              "string",
              "null"
            ]
          },
          "environment": {
            "description": "The `environment` claim, exactly; null = any (or no) environment.",
            "type": [
              "string",
              "null"
            ]
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "scope": {
            "$ref": "#/components/schemas/TrustPolicyScope"
          },
          "token_ttl_seconds": {
            "description": "Lifetime of the access tokens minted through this policy.",
            "type": "integer",
            "minimum": 60,
            "maximum": 3600
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "TrustPolicyCreate": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "issuer",
          "repository",
          "network",
          "scope"
        ],
        "properties": {
          "issuer": {
            "description": "The issuer URL: `https://…`; `http://` only for loopback hosts (127.0.0.0/8, `[::1]`, `localhost`), for\ntests and local issuers. No query or fragment.\n",
            "type": "string",
            "minLength": 8,
            "maxLength": 2048
          },
          "audience": {
            "description": "The `aud` ID tokens must carry; default `max`.",
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "repository": {
            "description": "`owner/name`",
            "type": "string",
            "pattern": "^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$"
          },
          "ref": {
            "description": "For example `refs/heads/main`, or `refs/tags/v*` (one trailing `*`). Omit for any ref.",
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 255
          },
          "environment": {
            "description": "A deployment environment name (GitHub's `environment` claim). Omit for any.",
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 255
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "scope": {
            "$ref": "#/components/schemas/TrustPolicyScope"
          },
          "token_ttl_seconds": {
            "description": "Lifetime of minted access tokens; default 900 (15 minutes), at most 3600.",
            "type": "integer",
            "minimum": 60,
            "maximum": 3600
          }
        }
      },
      "OidcTokenRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id_token"
        ],
        "properties": {
          "id_token": {
            "description": "The compact JWT the CI provider issued. Write-only; never logged or stored.",
            "type": "string",
            "writeOnly": true,
            "minLength": 1,
            "maxLength": 16384
          }
        }
      },
      "OidcTokenResponse": {
        "type": "object",
        "required": [
          "access_token",
          "token_type",
          "expires_in",
          "scope",
          "network",
          "trust_policy_id"
        ],
        "properties": {
          "access_token": {
            "type": "string"
          },
          "token_type": {
            "type": "string",
            "enum": [
              "Bearer"
            ]
          },
          "expires_in": {
            "description": "Seconds until the access token expires (at most 3600). There is no refresh token.",
            "type": "integer",
            "minimum": 1,
            "maximum": 3600
          },
          "scope": {
            "$ref": "#/components/schemas/TrustPolicyScope"
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "trust_policy_id": {
            "type": "string"
          }
        }
      },
      "NextCursor": {
        "description": "Pass as `cursor` to get the next page; null on the last page.",
        "type": [
          "string",
          "null"
        ]
      },
      "Me": {
        "type": "object",
        "required": [
          "id",
          "email",
          "name",
          "created_at",
          "auth"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "email": {
            "type": "string",
            "format": "email"
          },
          "name": {
            "type": [
              "string",
              "null"
            ]
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "auth": {
            "description": "The credential that made this request.",
            "type": "object",
            "required": [
              "type",
              "scope",
              "expires_at"
            ],
            "properties": {
              "type": {
                "type": "string",
                "enum": [
                  "access_token",
                  "api_token"
                ]
              },
              "scope": {
                "$ref": "#/components/schemas/Scope"
              },
              "expires_at": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              },
              "network": {
                "description": "The only network this credential may touch (an OIDC-minted token is bound to its trust policy's\nnetwork); null or absent when the credential reaches all of the user's networks.\n",
                "type": [
                  "string",
                  "null"
                ]
              },
              "oidc": {
                "description": "Present when the access token was minted from an OIDC ID token.",
                "type": [
                  "object",
                  "null"
                ],
                "required": [
                  "trust_policy_id",
                  "issuer",
                  "subject"
                ],
                "properties": {
                  "trust_policy_id": {
                    "type": "string"
                  },
                  "issuer": {
                    "type": "string"
                  },
                  "subject": {
                    "type": "string"
                  }
                }
              }
            }
          }
        }
      },
      "Network": {
        "type": "object",
        "required": [
          "id",
          "name",
          "description",
          "app_count",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "description": {
            "$ref": "#/components/schemas/Description"
          },
          "app_count": {
            "type": "integer",
            "minimum": 0
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "NetworkCreate": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "description": {
            "$ref": "#/components/schemas/Description"
          }
        }
      },
      "NetworkUpdate": {
        "type": "object",
        "additionalProperties": false,
        "minProperties": 1,
        "properties": {
          "description": {
            "$ref": "#/components/schemas/Description"
          }
        }
      },
      "NetworkPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Network"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "AppStatus": {
        "description": "`created`: never deployed. `deploying`: a deployment is in progress. `running`: the current release is\nserving. `crashed`: the current release's process exited and is being restarted with backoff.\n`stopped`: deliberately not running.\n",
        "type": "string",
        "enum": [
          "created",
          "deploying",
          "running",
          "crashed",
          "stopped"
        ]
      },
      "App": {
        "type": "object",
        "required": [
          "id",
          "name",
          "network",
          "hostname",
          "url",
          "description",
          "health_check_path",
          "status",
          "current_release",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "hostname": {
            "description": "`<app>.<network>.<domain>`",
            "type": "string",
            "examples": [
              "web.staging.localhost"
            ]
          },
          "url": {
            "description": "Where the app answers, through the platform's router.",
            "type": "string",
            "format": "uri",
            "examples": [
              "http://web.staging.localhost:4080"
            ]
          },
          "description": {
            "$ref": "#/components/schemas/Description"
          },
          "health_check_path": {
            "$ref": "#/components/schemas/HealthCheckPath"
          },
          "status": {
            "$ref": "#/components/schemas/AppStatus"
          },
          "current_release": {
            "description": "The version of the release now serving, or null before the first release.",
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "AppCreate": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "description": {
            "$ref": "#/components/schemas/Description"
          },
          "health_check_path": {
            "$ref": "#/components/schemas/HealthCheckPath"
          }
        }
      },
      "AppUpdate": {
        "type": "object",
        "additionalProperties": false,
        "minProperties": 1,
        "properties": {
          "description": {
            "$ref": "#/components/schemas/Description"
          },
          "health_check_path": {
            "$ref": "#/components/schemas/HealthCheckPath"
          }
        }
      },
      "AppPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/App"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "Actor": {
        "description": "Who did it.",
        "type": "object",
        "required": [
          "type",
          "id",
          "email"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "user",
              "api_token",
              "system"
            ]
          },
          "id": {
            "description": "The user's or API token's id; `system` for the platform itself.",
            "type": "string"
          },
          "email": {
            "description": "The acting user's email (for API tokens, the token owner's); null for the platform.",
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "EventTarget": {
        "description": "What it was done to. `network`, `app` and `id` are present when they apply.",
        "type": "object",
        "required": [
          "type"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "user",
              "network",
              "app",
              "api_token",
              "var",
              "secret",
              "deployment",
              "release",
              "run",
              "shell",
              "config",
              "trust_policy",
              "oidc_issuer"
            ]
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "app": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "id": {
            "type": "string"
          }
        }
      },
      "Event": {
        "type": "object",
        "required": [
          "id",
          "seq",
          "action",
          "actor",
          "target",
          "details",
          "created_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "seq": {
            "description": "Monotonic per user; the `events:<user>` channel resumes from it.",
            "type": "integer",
            "minimum": 1
          },
          "action": {
            "description": "`<resource>.<verb>`, for example `network.created`, `app.updated`, `api_token.created`, `auth.login`.",
            "type": "string",
            "pattern": "^[a-z_]+\\.[a-z_]+$"
          },
          "actor": {
            "$ref": "#/components/schemas/Actor"
          },
          "target": {
            "$ref": "#/components/schemas/EventTarget"
          },
          "details": {
            "description": "Action-specific facts, redacted (never a token or secret value).",
            "type": "object"
          },
          "revertible": {
            "description": "Whether `POST /api/v1/events/{event_id}/revert` can undo this change.",
            "type": "boolean"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "EventPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Event"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "ReleaseRef": {
        "description": "A release made as a side effect of a change.",
        "type": "object",
        "required": [
          "network",
          "app",
          "version"
        ],
        "properties": {
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "app": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "version": {
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "EnvValue": {
        "description": "A var or secret value.",
        "type": "string",
        "maxLength": 65536
      },
      "EnvMap": {
        "description": "Keys to values.",
        "type": "object",
        "propertyNames": {
          "$ref": "#/components/schemas/EnvKey"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/EnvValue"
        },
        "maxProperties": 1000
      },
      "Var": {
        "type": "object",
        "required": [
          "key",
          "value",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "key": {
            "$ref": "#/components/schemas/EnvKey"
          },
          "value": {
            "$ref": "#/components/schemas/EnvValue"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "VarPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Var"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "VarsSet": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "vars"
        ],
        "properties": {
          "vars": {
            "type": "object",
            "allOf": [
              {
                "$ref": "#/components/schemas/EnvMap"
              }
            ],
            "minProperties": 1
          }
        }
      },
      "VarsSetResult": {
        "type": "object",
        "required": [
          "data",
          "releases"
        ],
        "properties": {
          "data": {
            "description": "The vars that were set, as now stored.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Var"
            }
          },
          "releases": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ReleaseRef"
            }
          }
        }
      },
      "KeysUnset": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "keys"
        ],
        "properties": {
          "keys": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/EnvKey"
            },
            "uniqueItems": true,
            "minItems": 1,
            "maxItems": 1000
          }
        }
      },
      "KeysUnsetResult": {
        "type": "object",
        "required": [
          "unset",
          "releases"
        ],
        "properties": {
          "unset": {
            "description": "The keys that existed and were removed; requested keys that were not set are absent.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/EnvKey"
            }
          },
          "releases": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ReleaseRef"
            }
          }
        }
      },
      "Sha256Digest": {
        "description": "`sha256:` and a lowercase hex SHA-256.",
        "type": "string",
        "pattern": "^sha256:[a-f0-9]{64}$"
      },
      "Secret": {
        "description": "A secret as the API shows it; the value is never returned.",
        "type": "object",
        "required": [
          "key",
          "digest",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "key": {
            "$ref": "#/components/schemas/EnvKey"
          },
          "digest": {
            "description": "SHA-256 of the value, so a client can tell whether a local value matches without reading the secret.",
            "$ref": "#/components/schemas/Sha256Digest"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "SecretPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Secret"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "SecretsSet": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "secrets"
        ],
        "properties": {
          "secrets": {
            "type": "object",
            "allOf": [
              {
                "$ref": "#/components/schemas/EnvMap"
              }
            ],
            "minProperties": 1
          }
        }
      },
      "SecretsCopy": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "from"
        ],
        "properties": {
          "from": {
            "description": "The scope to copy from; without `app`, the network's own secrets.",
            "type": "object",
            "additionalProperties": false,
            "required": [
              "network"
            ],
            "properties": {
              "network": {
                "$ref": "#/components/schemas/ResourceName"
              },
              "app": {
                "$ref": "#/components/schemas/ResourceName"
              }
            }
          },
          "keys": {
            "description": "Only these keys (each must be set on the source). Absent means every secret of the source.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/EnvKey"
            },
            "uniqueItems": true,
            "maxItems": 1000
          }
        }
      },
      "SecretsSetResult": {
        "type": "object",
        "required": [
          "data",
          "releases"
        ],
        "properties": {
          "data": {
            "description": "The secrets that were set, without values.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Secret"
            }
          },
          "releases": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ReleaseRef"
            }
          }
        }
      },
      "EnvSource": {
        "description": "Where a value comes from, lowest precedence first: `network` vars, `app` vars, `secret`s (app secrets over\nnetwork secrets), `platform` vars.\n",
        "type": "string",
        "enum": [
          "network",
          "app",
          "secret",
          "platform"
        ]
      },
      "EnvEntry": {
        "type": "object",
        "required": [
          "key",
          "source",
          "value",
          "digest",
          "overridden"
        ],
        "properties": {
          "key": {
            "$ref": "#/components/schemas/EnvKey"
          },
          "source": {
            "$ref": "#/components/schemas/EnvSource"
          },
          "value": {
            "description": "The value the process sees. Null in exactly two cases: `source` is `secret` (values are never returned;\nsee `digest`), or `source` is `platform` and the value is fixed only when a process starts (`PORT`\nwhile the app has no running process, `MAX_RELEASE` before its first release).\n",
            "type": [
              "string",
              "null"
            ]
          },
          "digest": {
            "description": "When `source` is `secret`, the digest of the winning secret's value (as `Secret.digest`); null otherwise.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Sha256Digest"
              },
              {
                "type": "null"
              }
            ]
          },
          "overridden": {
            "description": "Lower-precedence sources that also define this key, lowest first.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/EnvSource"
            }
          }
        }
      },
      "AppEnv": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/EnvEntry"
            }
          }
        }
      },
      "BlobDigest": {
        "description": "Lowercase hex SHA-256 of a blob's bytes.",
        "type": "string",
        "pattern": "^[a-f0-9]{64}$"
      },
      "BlobsMissingRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "digests"
        ],
        "properties": {
          "digests": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/BlobDigest"
            },
            "minItems": 1,
            "maxItems": 100000
          }
        }
      },
      "BlobsMissing": {
        "type": "object",
        "required": [
          "missing"
        ],
        "properties": {
          "missing": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/BlobDigest"
            }
          }
        }
      },
      "BlobStored": {
        "type": "object",
        "required": [
          "digest",
          "size"
        ],
        "properties": {
          "digest": {
            "$ref": "#/components/schemas/BlobDigest"
          },
          "size": {
            "description": "Bytes.",
            "type": "integer",
            "minimum": 0
          }
        }
      },
      "BlobPackResult": {
        "type": "object",
        "required": [
          "stored",
          "already_present"
        ],
        "properties": {
          "stored": {
            "description": "Blobs of the pack that were new.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/BlobDigest"
            }
          },
          "already_present": {
            "description": "Blobs of the pack the platform already held.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/BlobDigest"
            }
          }
        }
      },
      "ManifestEntry": {
        "description": "One entry of the source tree: a regular file, or a symbolic link kept as a link. For a link, `target` is\nthe link text (relative, resolving inside the tree; the platform refuses anything else), and `sha256`\nand `size` describe that text.\n",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "path",
          "sha256",
          "size",
          "mode"
        ],
        "properties": {
          "type": {
            "description": "What the entry is. Absent means `file`.",
            "type": "string",
            "enum": [
              "file",
              "symlink"
            ],
            "default": "file"
          },
          "target": {
            "description": "The link text of a `symlink` entry (required for links, absent for files).",
            "type": "string",
            "minLength": 1,
            "maxLength": 4096
          },
          "path": {
            "description": "Relative POSIX path inside the tree: no leading `/`, no `.` or `..` segments, no backslashes, no empty\nsegments. The platform rejects anything else rather than trusting it.\n",
            "type": "string",
            "minLength": 1,
            "maxLength": 4096,
            "pattern": "^(?!/)(?!.*//)(?!.*/$)(?!(?:.*/)?\\.\\.?(?:/|$))[^\\\\\\u0000]+$",
            "examples": [
              "src/index.js"
            ]
          },
          "sha256": {
            "$ref": "#/components/schemas/BlobDigest"
          },
          "size": {
            "description": "Bytes.",
            "type": "integer",
            "minimum": 0
          },
          "mode": {
            "description": "Unix permission bits, for example 420 (0644) or 493 (0755); only the executable bits are kept. Links record 511 (0777).",
            "type": "integer",
            "minimum": 0,
            "maximum": 511
          }
        }
      },
      "DeploymentCreate": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "manifest"
        ],
        "properties": {
          "manifest": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ManifestEntry"
            },
            "minItems": 1,
            "maxItems": 100000
          },
          "message": {
            "description": "Why this deployment, for people (for example a commit subject).",
            "type": [
              "string",
              "null"
            ],
            "maxLength": 1000
          },
          "rollback": {
            "description": "Whether the platform switches back to the previous release when the new one crashes during its\nstabilization window (the deployment then ends `rolled_back`). Absent means `true`. With `false` a\ncrash leaves the new release serving (restarted with backoff) and the deployment ends `failed`. A\nrelease that never became healthy never takes traffic either way.\n",
            "type": "boolean"
          },
          "stabilization_seconds": {
            "description": "How long the platform watches the new release after traffic switched to it before the deployment is\n`running`; the previous release keeps running until then, so a rollback is instant. 0 ends the\ndeployment at the switch. Default: the platform's (10 on max-local).\n",
            "type": "integer",
            "minimum": 0,
            "maximum": 300
          }
        }
      },
      "DeploymentState": {
        "description": "`uploading` → `queued` → `building` → `releasing` → `running`; or `failed` (build or start failed, or the\nhealth check never passed: the previous release keeps serving; or, with `rollback: false`, the new release\ncrashed during its stabilization window and stays in place), `rolled_back` (the new release crashed during\nits stabilization window and the platform switched back to the previous one), `cancelled`. A deployment is\n`releasing` until its stabilization window ends.\n",
        "type": "string",
        "enum": [
          "uploading",
          "queued",
          "building",
          "releasing",
          "running",
          "failed",
          "rolled_back",
          "cancelled"
        ]
      },
      "DeploymentFailure": {
        "description": "Why a deployment ended in `failed` or `rolled_back`.",
        "type": "object",
        "required": [
          "stage",
          "reason",
          "message"
        ],
        "properties": {
          "stage": {
            "type": "string",
            "enum": [
              "upload",
              "build",
              "release"
            ]
          },
          "reason": {
            "type": "string",
            "description": "`crashed_after_release`: the new release's process exited during the stabilization window, after traffic switched to it.",
            "enum": [
              "build_failed",
              "start_failed",
              "health_check_failed",
              "crashed_after_release",
              "timed_out",
              "internal_error"
            ]
          },
          "message": {
            "type": "string"
          }
        }
      },
      "Deployment": {
        "type": "object",
        "required": [
          "id",
          "network",
          "app",
          "state",
          "message",
          "file_count",
          "total_size",
          "missing_blobs",
          "release",
          "failure",
          "created_by",
          "created_at",
          "updated_at",
          "finished_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "app": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "state": {
            "$ref": "#/components/schemas/DeploymentState"
          },
          "message": {
            "type": [
              "string",
              "null"
            ]
          },
          "file_count": {
            "type": "integer",
            "minimum": 0
          },
          "total_size": {
            "description": "Bytes, summed over the manifest.",
            "type": "integer",
            "minimum": 0
          },
          "missing_blobs": {
            "description": "Blobs still to upload; empty unless `uploading`.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/BlobDigest"
            }
          },
          "release": {
            "description": "The release version this deployment made, once it got that far.",
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1
          },
          "failure": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/DeploymentFailure"
              },
              {
                "type": "null"
              }
            ]
          },
          "created_by": {
            "$ref": "#/components/schemas/Actor"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "finished_at": {
            "description": "When it reached a final state.",
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        }
      },
      "DeploymentPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Deployment"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "ReleaseState": {
        "description": "`pending`: starting and being health-checked. `active`: serving (exactly one per app). `superseded`: served\nbefore. `failed`: never became healthy, or crashed during its stabilization window and was rolled back;\nthe release before it serves.\n",
        "type": "string",
        "enum": [
          "pending",
          "active",
          "superseded",
          "failed"
        ]
      },
      "Release": {
        "type": "object",
        "required": [
          "version",
          "network",
          "app",
          "state",
          "reason",
          "deployment_id",
          "rollback_of",
          "config_digest",
          "description",
          "created_by",
          "created_at"
        ],
        "properties": {
          "version": {
            "type": "integer",
            "minimum": 1
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "app": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "state": {
            "$ref": "#/components/schemas/ReleaseState"
          },
          "reason": {
            "description": "What made it.",
            "type": "string",
            "enum": [
              "deploy",
              "config",
              "rollback"
            ]
          },
          "deployment_id": {
            "description": "The deployment whose code this release runs.",
            "type": "string"
          },
          "rollback_of": {
            "description": "For rollbacks, the version whose code and config were restored.",
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1
          },
          "config_digest": {
            "description": "Digest of the config snapshot (vars and secret digests), to compare releases.",
            "$ref": "#/components/schemas/Sha256Digest"
          },
          "description": {
            "description": "A one-line summary for people, for example \"Deploy abc123\" or \"Set DATABASE_URL\".",
            "type": "string"
          },
          "created_by": {
            "$ref": "#/components/schemas/Actor"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "ReleasePage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Release"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "RollbackRequest": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "to": {
            "description": "The version to restore; the one before the current release when omitted.",
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "LogStream": {
        "type": "string",
        "enum": [
          "stdout",
          "stderr"
        ]
      },
      "LogSource": {
        "description": "`app`: the app's process. `build`: build commands. `platform`: Max itself (starts, health checks, restarts).",
        "type": "string",
        "enum": [
          "app",
          "build",
          "platform"
        ]
      },
      "LogLine": {
        "type": "object",
        "required": [
          "seq",
          "ts",
          "stream",
          "source",
          "line"
        ],
        "properties": {
          "seq": {
            "description": "Monotonic within its log stream (app, build or network); never reused.",
            "type": "integer",
            "minimum": 1
          },
          "ts": {
            "type": "string",
            "format": "date-time"
          },
          "stream": {
            "$ref": "#/components/schemas/LogStream"
          },
          "source": {
            "$ref": "#/components/schemas/LogSource"
          },
          "line": {
            "description": "One line without its newline; longer lines are split at 16 KiB.",
            "type": "string"
          },
          "app": {
            "description": "The app that wrote the line; only in network streams.",
            "$ref": "#/components/schemas/ResourceName"
          }
        }
      },
      "LogPage": {
        "type": "object",
        "required": [
          "data",
          "has_more",
          "earliest_seq",
          "latest_seq"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/LogLine"
            }
          },
          "has_more": {
            "description": "More lines match; ask again with `after_seq` = the last `seq` of `data`.",
            "type": "boolean"
          },
          "earliest_seq": {
            "description": "The oldest `seq` still retained in this stream (null when empty). When `after_seq + 1 < earliest_seq`,\nlines were dropped by retention; report the gap.\n",
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1
          },
          "latest_seq": {
            "description": "The newest `seq` in this stream so far (null when empty).",
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1
          }
        }
      },
      "Command": {
        "description": "Program and arguments, passed to the OS without a shell (use `[\"sh\", \"-c\", \"…\"]` for one).",
        "type": "array",
        "items": {
          "type": "string",
          "minLength": 1,
          "maxLength": 32768
        },
        "minItems": 1,
        "maxItems": 256
      },
      "RunCreate": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "command"
        ],
        "properties": {
          "command": {
            "$ref": "#/components/schemas/Command"
          },
          "env": {
            "description": "Extra environment for this run only; overrides the effective environment except platform vars.",
            "$ref": "#/components/schemas/EnvMap"
          },
          "timeout_seconds": {
            "description": "After this long the run's process group is killed (SIGKILL) and the run ends in `timed_out`.\n",
            "type": "integer",
            "minimum": 1,
            "maximum": 86400,
            "default": 3600
          }
        }
      },
      "RunState": {
        "description": "`pending` → `running` → `exited` (see `exit_code`), or `failed` (could not start), `timed_out`, `cancelled`.\nA run that could not start is `failed` with the reason in `error` and an `exit_code` as a POSIX shell\nwould report it: 127 when the program was not found (`error`: `<program>: command not found`), 126 when it\nis not executable (`<program>: Permission denied`). The same message, with a newline, is the run's stderr\noutput, so a client that just relays stderr and exits with `exit_code` behaves like `sh -c`.\n",
        "type": "string",
        "enum": [
          "pending",
          "running",
          "exited",
          "failed",
          "timed_out",
          "cancelled"
        ]
      },
      "Run": {
        "type": "object",
        "required": [
          "id",
          "network",
          "app",
          "command",
          "state",
          "exit_code",
          "signal",
          "error",
          "pid",
          "attached_clients",
          "release",
          "timeout_seconds",
          "output_bytes",
          "created_at",
          "started_at",
          "finished_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "app": {
            "description": "Null for network runs.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/ResourceName"
              },
              {
                "type": "null"
              }
            ]
          },
          "command": {
            "$ref": "#/components/schemas/Command"
          },
          "state": {
            "$ref": "#/components/schemas/RunState"
          },
          "exit_code": {
            "description": "The process's exit code once `exited` (null when a signal ended it); 127 or 126 for a `failed` run (see\n`RunState`); null while running and for `timed_out`/`cancelled` runs that a signal ended.\n",
            "type": [
              "integer",
              "null"
            ]
          },
          "signal": {
            "description": "The signal that ended the process, if one did (for example `SIGKILL`).",
            "type": [
              "string",
              "null"
            ]
          },
          "error": {
            "description": "Why the run `failed` to start.",
            "type": [
              "string",
              "null"
            ]
          },
          "pid": {
            "description": "Process id of the run's process (the leader of its own process group) on the platform host; null\nbefore it started and for `failed` runs.\n",
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1
          },
          "attached_clients": {
            "description": "How many channel clients are joined to `exec:<run>` right now.",
            "type": "integer",
            "minimum": 0
          },
          "release": {
            "description": "The release whose code the run used; null for network runs.",
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1
          },
          "timeout_seconds": {
            "type": "integer",
            "minimum": 1
          },
          "output_bytes": {
            "description": "Bytes of output so far (stdout and stderr); the end offset for `output_offset` in `exec:<run>`.",
            "type": "integer",
            "minimum": 0
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "started_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "finished_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        }
      },
      "ShellCreate": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "cols",
          "rows"
        ],
        "properties": {
          "cols": {
            "type": "integer",
            "minimum": 1,
            "maximum": 1000
          },
          "rows": {
            "type": "integer",
            "minimum": 1,
            "maximum": 1000
          },
          "command": {
            "description": "What to run in the PTY (looked up in the session's `PATH`; 422 when it is not found). When omitted, the\nplatform's shell: max-local uses its own `$SHELL`, else `bash`, else `sh`.\n",
            "$ref": "#/components/schemas/Command"
          },
          "detach_timeout_seconds": {
            "description": "The session ends (its processes are killed) after this long with no client attached. Default: the\nplatform's (max-local: 300, configurable).\n",
            "type": "integer",
            "minimum": 1,
            "maximum": 86400
          },
          "term": {
            "description": "Value of `TERM` in the session.",
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "pattern": "^[A-Za-z0-9._+-]+$",
            "default": "xterm-256color"
          }
        }
      },
      "ShellState": {
        "description": "`running` while the process lives; `exited` afterwards (output stays replayable for a while).",
        "type": "string",
        "enum": [
          "running",
          "exited"
        ]
      },
      "ShellSession": {
        "type": "object",
        "required": [
          "id",
          "network",
          "app",
          "command",
          "term",
          "cols",
          "rows",
          "state",
          "exit_code",
          "signal",
          "pid",
          "attached_clients",
          "output_bytes",
          "detach_timeout_seconds",
          "created_at",
          "ended_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "app": {
            "description": "Null for network shells.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/ResourceName"
              },
              {
                "type": "null"
              }
            ]
          },
          "command": {
            "$ref": "#/components/schemas/Command"
          },
          "term": {
            "description": "Value of `TERM` in the session.",
            "type": "string"
          },
          "cols": {
            "type": "integer",
            "minimum": 1
          },
          "rows": {
            "type": "integer",
            "minimum": 1
          },
          "state": {
            "$ref": "#/components/schemas/ShellState"
          },
          "exit_code": {
            "type": [
              "integer",
              "null"
            ]
          },
          "signal": {
            "type": [
              "string",
              "null"
            ]
          },
          "pid": {
            "description": "Process id of the session's first process (the PTY's session leader) on the platform host. Stays the same\nacross reattaches; kept after the session ended.\n",
            "type": "integer",
            "minimum": 1
          },
          "attached_clients": {
            "description": "How many channel clients are joined to `shell:<session>` right now.",
            "type": "integer",
            "minimum": 0
          },
          "output_bytes": {
            "description": "Bytes of PTY output so far; the end offset for `output_offset` in `shell:<session>`.",
            "type": "integer",
            "minimum": 0
          },
          "detach_timeout_seconds": {
            "description": "The session ends after this long with no client attached.",
            "type": "integer",
            "minimum": 1
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "ended_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        }
      },
      "ShellSessionPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ShellSession"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "RunPage": {
        "type": "object",
        "required": [
          "data",
          "next_cursor"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Run"
            }
          },
          "next_cursor": {
            "$ref": "#/components/schemas/NextCursor"
          }
        }
      },
      "DeploymentSummary": {
        "type": "object",
        "required": [
          "id",
          "state",
          "created_at",
          "finished_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "state": {
            "$ref": "#/components/schemas/DeploymentState"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "finished_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        }
      },
      "DashboardApp": {
        "description": "An app with its latest deployment.",
        "allOf": [
          {
            "$ref": "#/components/schemas/App"
          },
          {
            "type": "object",
            "required": [
              "latest_deployment"
            ],
            "properties": {
              "latest_deployment": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/DeploymentSummary"
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          }
        ]
      },
      "Dashboard": {
        "type": "object",
        "required": [
          "networks",
          "apps",
          "recent_events",
          "counts",
          "truncated",
          "generated_at"
        ],
        "properties": {
          "networks": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Network"
            }
          },
          "apps": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DashboardApp"
            }
          },
          "recent_events": {
            "description": "Newest first.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Event"
            }
          },
          "counts": {
            "type": "object",
            "required": [
              "networks",
              "apps",
              "apps_by_status",
              "deployments_in_progress"
            ],
            "properties": {
              "networks": {
                "type": "integer",
                "minimum": 0
              },
              "apps": {
                "type": "integer",
                "minimum": 0
              },
              "apps_by_status": {
                "type": "object",
                "required": [
                  "created",
                  "deploying",
                  "running",
                  "crashed",
                  "stopped"
                ],
                "properties": {
                  "created": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "deploying": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "running": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "crashed": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "stopped": {
                    "type": "integer",
                    "minimum": 0
                  }
                }
              },
              "deployments_in_progress": {
                "type": "integer",
                "minimum": 0
              }
            }
          },
          "truncated": {
            "description": "True when `apps` was capped and more exist (use the list endpoints).",
            "type": "boolean"
          },
          "generated_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "ConfigApp": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "description": {
            "$ref": "#/components/schemas/Description"
          },
          "health_check_path": {
            "$ref": "#/components/schemas/HealthCheckPath"
          },
          "vars": {
            "$ref": "#/components/schemas/EnvMap"
          },
          "secrets": {
            "$ref": "#/components/schemas/ConfigSecretList"
          }
        }
      },
      "ConfigSecret": {
        "description": "A secret the scope must have. Values never travel in documents: with `digest`, the live value must have\nthis digest (a different one is an update, which needs the value in `secret_values`); without it, any\nvalue will do as long as the secret is set. `export` always writes the digest.\n",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "key"
        ],
        "properties": {
          "key": {
            "$ref": "#/components/schemas/EnvKey"
          },
          "digest": {
            "$ref": "#/components/schemas/Sha256Digest"
          }
        }
      },
      "ConfigSecretList": {
        "description": "The secrets of a scope, each key at most once; keys not listed are deleted.",
        "type": "array",
        "items": {
          "$ref": "#/components/schemas/ConfigSecret"
        },
        "maxItems": 1000
      },
      "ConfigSecretValues": {
        "description": "Secret values to set in the same transaction, by scope: `<network>` for network secrets,\n`<network>/<app>` for app secrets, each mapping KEY to value. Write-only: values are never returned,\nrecorded in events (digests are) or logged. Every key must be listed in the document's `secrets` of that\nscope, and when the document gives a digest the value must have it (422 `validation_failed` naming the\nkey, never the value). A value equal to the live one changes nothing.\n",
        "type": "object",
        "writeOnly": true,
        "propertyNames": {
          "type": "string",
          "pattern": "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?(/[a-z]([-a-z0-9]{0,61}[a-z0-9])?)?$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/EnvMap"
        },
        "maxProperties": 1000
      },
      "ConfigNetwork": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "description": {
            "$ref": "#/components/schemas/Description"
          },
          "vars": {
            "$ref": "#/components/schemas/EnvMap"
          },
          "secrets": {
            "$ref": "#/components/schemas/ConfigSecretList"
          },
          "apps": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ConfigApp"
            },
            "maxItems": 1000
          }
        }
      },
      "ConfigDocument": {
        "description": "Declarative configuration. Omitted fields mean their empty value (no description, default health check path,\nno vars, no secrets, no apps), so a document states the whole configuration of each network it names.\n",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "version",
          "networks"
        ],
        "properties": {
          "version": {
            "type": "integer",
            "const": 1
          },
          "networks": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ConfigNetwork"
            },
            "maxItems": 100
          }
        }
      },
      "PlanField": {
        "description": "One changed field. Secret values are never shown: a secret change has one field, `digest`, with the live\ndigest before and the document's (or the supplied value's) after; null when unknown or absent.\n",
        "type": "object",
        "required": [
          "name",
          "before",
          "after"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "before": {
            "type": [
              "string",
              "null"
            ]
          },
          "after": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "PlanChange": {
        "type": "object",
        "required": [
          "action",
          "resource",
          "network",
          "app",
          "key",
          "fields"
        ],
        "properties": {
          "action": {
            "type": "string",
            "enum": [
              "create",
              "update",
              "delete"
            ]
          },
          "resource": {
            "type": "string",
            "enum": [
              "network",
              "app",
              "var",
              "secret"
            ]
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "app": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/ResourceName"
              },
              {
                "type": "null"
              }
            ]
          },
          "key": {
            "description": "The var or secret key, for those resources.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/EnvKey"
              },
              {
                "type": "null"
              }
            ]
          },
          "fields": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/PlanField"
            }
          }
        }
      },
      "PlanBlocker": {
        "description": "Something the plan cannot do; `apply` refuses while any remain.",
        "type": "object",
        "required": [
          "reason",
          "network",
          "app",
          "key",
          "message"
        ],
        "properties": {
          "reason": {
            "description": "`secret_missing`: the document names a secret that is not set, and `secret_values` has no value for it.\n`secret_changed`: the secret's value differs from the document (its digest does not match), and\n`secret_values` has no value for it. `name_taken`: another user owns a network with this name.\n",
            "type": "string",
            "enum": [
              "secret_missing",
              "secret_changed",
              "name_taken"
            ]
          },
          "network": {
            "$ref": "#/components/schemas/ResourceName"
          },
          "app": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/ResourceName"
              },
              {
                "type": "null"
              }
            ]
          },
          "key": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/EnvKey"
              },
              {
                "type": "null"
              }
            ]
          },
          "message": {
            "type": "string"
          }
        }
      },
      "Plan": {
        "type": "object",
        "required": [
          "digest",
          "changes",
          "blockers",
          "summary"
        ],
        "properties": {
          "digest": {
            "description": "Identifies this plan against the current platform state; `apply` with `plan_digest` checks it.",
            "$ref": "#/components/schemas/Sha256Digest"
          },
          "changes": {
            "description": "Ordered as they would be applied.",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/PlanChange"
            }
          },
          "blockers": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/PlanBlocker"
            }
          },
          "summary": {
            "type": "object",
            "required": [
              "create",
              "update",
              "delete"
            ],
            "properties": {
              "create": {
                "type": "integer",
                "minimum": 0
              },
              "update": {
                "type": "integer",
                "minimum": 0
              },
              "delete": {
                "type": "integer",
                "minimum": 0
              }
            }
          }
        }
      },
      "ConfigPlan": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "document"
        ],
        "properties": {
          "document": {
            "$ref": "#/components/schemas/ConfigDocument"
          },
          "secret_values": {
            "$ref": "#/components/schemas/ConfigSecretValues"
          }
        }
      },
      "ConfigApply": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "document"
        ],
        "properties": {
          "document": {
            "$ref": "#/components/schemas/ConfigDocument"
          },
          "secret_values": {
            "$ref": "#/components/schemas/ConfigSecretValues"
          },
          "plan_digest": {
            "description": "Apply only if the fresh plan has this digest (what you reviewed is what gets applied).",
            "$ref": "#/components/schemas/Sha256Digest"
          },
          "prune": {
            "description": "As the `prune` parameter of `plan`.",
            "type": "boolean",
            "default": false
          }
        }
      },
      "ConfigApplyResult": {
        "type": "object",
        "required": [
          "plan",
          "releases"
        ],
        "properties": {
          "plan": {
            "$ref": "#/components/schemas/Plan"
          },
          "releases": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ReleaseRef"
            }
          }
        }
      },
      "EventRevertResult": {
        "type": "object",
        "required": [
          "event",
          "releases"
        ],
        "properties": {
          "event": {
            "description": "The new event recording the revert (its `details.reverts` is the reverted event's id).",
            "$ref": "#/components/schemas/Event"
          },
          "releases": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ReleaseRef"
            }
          }
        }
      }
    }
  }
};
