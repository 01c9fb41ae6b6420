/** Domain records: users, items, events, recommendations. */
package dev.metarec.model;
