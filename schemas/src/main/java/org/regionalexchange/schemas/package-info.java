/**
 * The shared schemas as a small API: load and compile every schema once, validate a header or a document of a kind,
 * and report violations as JSON pointer and message. No validator type leaks through the public API.
 */
package org.regionalexchange.schemas;
