import { handlers } from "@/lib/auth/auth";

// Auth.js' own endpoints (session, csrf, providers). Password sign-in lives in
// /api/auth/login and the /login server action, not here.
export const { GET, POST } = handlers;
