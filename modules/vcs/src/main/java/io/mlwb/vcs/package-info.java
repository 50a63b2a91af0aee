/** Git through JGit. */
package io.mlwb.vcs;
