package org.aips.plugins.faceingest;

import java.security.SecureRandom;

/** Task ids as the seed shows them ({@code "AAAO054X4wzh"}): 12 random letters and digits (71 bits). */
final class TaskIds {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TaskIds() {
  }

  static String next() {
    StringBuilder id = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
