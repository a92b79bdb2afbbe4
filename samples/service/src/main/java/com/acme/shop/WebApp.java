package com.acme.shop;

/** The shop's web front end (a stand-in: the sample is about the manifests in src/main/k8s). */
public final class WebApp {

    private WebApp() {
    }

    public static void main(String[] args) {
        System.out.println("shop web is up");
    }
}
