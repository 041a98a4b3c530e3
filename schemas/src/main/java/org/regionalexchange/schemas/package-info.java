/**
 * The shared schemas as a small API: load and compile every version of every schema once, validate a header or a
 * document of a kind exactly against a version or tolerantly as a reader of one, pick the lowest version a document
 * is valid against, and report violations as JSON pointer and message. No validator type leaks through the public
 * API.
 */
package org.regionalexchange.schemas;
